"""``/docs``: Swagger UI served from this app (the ``swagger-ui-bundle-v2`` package), not a CDN.

The page has no inline script: ``/static/docs.js`` starts Swagger UI on ``/openapi.json``. Its
CSP is the app's (:mod:`search_api.headers`) plus ``style-src 'unsafe-inline'`` — Swagger UI
writes ``style`` attributes — still with ``script-src 'self'``. Without the package, FastAPI's
own ``/docs`` (CDN assets, an inline script) is kept and its CSP widened to allow exactly that.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from search_api.headers import CSP

ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
          "favicon-32x32.png": "image/png"}
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
CDN = "https://cdn.jsdelivr.net"
CDN_CSP = (CSP.replace("script-src 'self'", f"script-src 'self' 'unsafe-inline' {CDN}")
           .replace("style-src 'self'", f"style-src 'self' 'unsafe-inline' {CDN}")
           .replace("img-src 'self' data:", "img-src 'self' data: https://fastapi.tiangolo.com"))

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} - Swagger UI</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-openapi-url="{openapi_url}"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


def bundle_dir() -> Path | None:
    """Where the installed Swagger UI assets are, or None."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    path = Path(str(swagger_ui_path))
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def install(app: FastAPI) -> None:
    """Serve ``/docs`` (create the app with ``docs_url=None``)."""
    assets = bundle_dir()
    title = app.title
    openapi_url = app.openapi_url or "/openapi.json"

    if assets is None:
        @app.get("/docs", include_in_schema=False)
        def docs_cdn() -> HTMLResponse:
            page = get_swagger_ui_html(openapi_url=openapi_url, title=f"{title} - Swagger UI")
            page.headers["content-security-policy"] = CDN_CSP
            return page
        return

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(PAGE.format(title=title, openapi_url=openapi_url),
                            headers={"content-security-policy": DOCS_CSP})

    @app.get("/docs/assets/{name}", include_in_schema=False)
    def docs_asset(name: str) -> Any:
        if name not in ASSETS:
            return Response("not found", status_code=404, media_type="text/plain")
        return FileResponse(assets / name, media_type=ASSETS[name],
                            headers={"cache-control": "public, max-age=86400"})
