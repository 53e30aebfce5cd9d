"""Every named URL pattern of the project, with namespaces (`app:name`)."""

from django.urls import URLPattern, URLResolver, get_resolver


def semua_nama_url(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= semua_nama_url(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(f"{prefix}{p.name}")
    return names


def baris_hilang(nama_url: set[str], nama_di_matrix: list[str]) -> set[str]:
    return nama_url - set(nama_di_matrix)
