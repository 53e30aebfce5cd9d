"""The axe audit must be able to fail, or the page audits prove nothing."""

from tests.browser.axe import audit


def test_audit_menemukan_pelanggaran_serius(page):
    page.set_content(
        '<!DOCTYPE html><html lang="id"><head><title>x</title></head><body><main>'
        '<button></button><input type="text"></main></body></html>'
    )
    hasil = audit(page)
    assert any("button-name" in v for v in hasil)
    assert any("label" in v for v in hasil)
