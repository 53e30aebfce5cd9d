"""Accessibility audit with axe-core (from npm) injected into a Playwright page."""

from .conftest import AXE_JS

SERIUS = {"serious", "critical"}


def audit(page) -> list[str]:
    """Return the serious and critical axe violations on the current page, as readable lines."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    hasil = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        + ", ".join(
            n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
            for n in v["nodes"][:3]
        )
        for v in hasil["violations"]
        if v.get("impact") in SERIUS
    ]


def login(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state("domcontentloaded")
