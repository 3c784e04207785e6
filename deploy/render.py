#!/usr/bin/env python3
"""Writes nginx's configuration for Xã số from the installation's environment file.

Usage: deploy/render.py ENV_FILE OUT_DIR
Reads the same variables the app reads (XASO_DATA_DIR, XASO_S3_*, …) and a few of nginx's own
(XASO_NGINX_LISTEN, XASO_SERVER_NAME, XASO_APP_SERVERS, XASO_TLS_CERT/KEY, XASO_NGINX_CACHE_DIR,
XASO_NGINX_LOG_DIR); variables of the process environment win over the file (the CI stack moves
ports and folders that way). Standard library only: it runs before the app's virtualenv exists."""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent / "nginx"


def read_env_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        parts = shlex.split(value) if value.strip() else [""]
        values[key.strip()] = parts[0] if parts else ""
    return values


def render(text: str, values: dict[str, str]) -> str:
    out: list[str] = []
    keep = [True]
    for line in text.splitlines():
        condition = re.fullmatch(r"\s*# if (\w+)\s*", line)
        if condition:
            keep.append(keep[-1] and bool(values.get(condition.group(1))))
            continue
        if re.fullmatch(r"\s*# endif\s*", line):
            keep.pop()
            continue
        if keep[-1]:
            out.append(re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], line))
    return "\n".join(out) + "\n"


def settings_from(env: dict[str, str], out_dir: Path) -> dict[str, str]:
    data_dir = env.get("XASO_DATA_DIR", "/var/lib/xaso")
    servers = [s.strip() for s in env.get("XASO_APP_SERVERS", "127.0.0.1:8001").split(",") if s.strip()]
    values = {
        "CONF_DIR": str(out_dir),
        "REFRESH_ALLOW": "\n".join(
            f"    allow {host};" for host in sorted({"127.0.0.1", *(server.rsplit(":", 1)[0] for server in servers)})
        ),
        "UPSTREAM_SERVERS": "\n".join(f"    server {server} max_fails=2 fail_timeout=5s;" for server in servers),
        "CACHE_DIR": env.get("XASO_NGINX_CACHE_DIR", "/var/cache/nginx/xaso"),
        "LOG_DIR": env.get("XASO_NGINX_LOG_DIR", "/var/log/nginx"),
        "LISTEN": env.get("XASO_NGINX_LISTEN", "80"),
        "TLS_LISTEN": env.get("XASO_NGINX_TLS_LISTEN", "443"),
        "SERVER_NAME": env.get("XASO_SERVER_NAME", "_"),
        "SESSION_COOKIE": env.get("XASO_SESSION_COOKIE_NAME", "sessionid"),
        "ACME_ROOT": env.get("XASO_ACME_ROOT", "/var/lib/xaso/acme"),
        "STATIC_ROOT": f"{data_dir}/static",
        "MEDIA_ROOT": env.get("XASO_MEDIA_ROOT", f"{data_dir}/media"),
        "PROTECTED_ROOT": env.get("XASO_PROTECTED_ROOT", f"{data_dir}/protected"),
        "TLS_CERT": env.get("XASO_TLS_CERT", ""),
        "TLS_KEY": env.get("XASO_TLS_KEY", ""),
        "S3": env.get("XASO_S3_BUCKET", ""),
        "S3_ENDPOINT": "",
        "S3_HOST": "",
    }
    values["NO_TLS"] = "" if values["TLS_CERT"] else "1"
    values["MEDIA_LOCAL"] = "" if values["S3"] else "1"
    if values["S3"]:
        region = env.get("XASO_S3_REGION", "us-east-1")
        endpoint = env.get("XASO_S3_ENDPOINT_URL") or f"https://s3.{region}.amazonaws.com"
        parts = urlsplit(endpoint)
        values["S3_ENDPOINT"] = f"{parts.scheme}://{parts.netloc}"
        values["S3_HOST"] = parts.netloc
    return values


def main() -> None:
    env_file, out_dir = Path(sys.argv[1]), Path(sys.argv[2]).resolve()
    env = {**read_env_file(env_file), **{k: v for k, v in os.environ.items() if k.startswith("XASO_")}}
    values = settings_from(env, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("xaso.conf", "xaso-locations.conf", "xaso-refresh.conf", "protected-files-s3.conf"):
        (out_dir / name).write_text(render((HERE / f"{name}.template").read_text(), values))
    (out_dir / "proxy-headers.conf").write_text((HERE / "proxy-headers.conf").read_text())
    # The isolation issue's file, with this installation's folder in its alias.
    protected = (HERE / "protected-files.conf").read_text()
    (out_dir / "protected-files.conf").write_text(
        protected.replace("/var/lib/xaso/protected/", values["PROTECTED_ROOT"].rstrip("/") + "/")
    )


if __name__ == "__main__":
    main()
