"""`manage.py check --deploy` with the documented production environment (deploy/production.env) is clean,
and a bad value of a security variable stops start-up naming the variable."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION_ENV = ROOT / "deploy" / "production.env"
# The deployment's own values, for the lines the file leaves as <…>.
OWN_VALUES = {
    "XASO_SECRET_KEY": secrets.token_urlsafe(50),
    "XASO_ALLOWED_HOSTS": "xaso.langson.gov.vn",
    "XASO_BASE_URL": "https://xaso.langson.gov.vn",
}


def production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XASO_", "DATABASE_URL", "DJANGO_"))}
    for line in PRODUCTION_ENV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, value = line.partition("=")
        env[name] = OWN_VALUES.get(name, value) if value.startswith("<") else value
    # A database of its own: the checks never connect, but the settings are read as in production.
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'xaso.sqlite3'}"
    env["XASO_DATA_DIR"] = str(tmp_path)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (this interpreter, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_every_documented_production_variable_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in PRODUCTION_ENV.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            assert f"`{line.partition('=')[0]}`" in readme


def test_check_deploy_with_the_production_environment_gives_no_warning(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_without_them_check_deploy_names_what_is_missing(tmp_path):
    env = production_env(tmp_path)
    for name in ("XASO_SSL_REDIRECT", "XASO_SECURE_COOKIES", "XASO_HSTS_SECONDS"):
        env.pop(name)
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("XASO_HSTS_SECONDS", "một năm", "XASO_HSTS_SECONDS='một năm': cần một số nguyên."),
        ("XASO_HSTS_SECONDS", "-5", "XASO_HSTS_SECONDS=-5: cần một số giây không âm."),
        ("XASO_SSL_REDIRECT", "có", "XASO_SSL_REDIRECT='có': cần một giá trị đúng/sai"),
        ("XASO_SECURE_COOKIES", "2", "XASO_SECURE_COOKIES='2': cần một giá trị đúng/sai"),
        ("XASO_PROXY_SSL_HEADER", "X-Forwarded-Proto", "XASO_PROXY_SSL_HEADER='X-Forwarded-Proto': cần tên kiểu"),
        ("XASO_LOGIN_LOCK_MINUTES", "nửa giờ", "XASO_LOGIN_LOCK_MINUTES='nửa giờ': cần một số nguyên."),
        ("XASO_REQUIRE_2FA", "bắt buộc", "XASO_REQUIRE_2FA='bắt buộc': cần một giá trị đúng/sai"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(tmp_path, name, value, message):
    env = production_env(tmp_path)
    env[name] = value
    result = manage(env, "check")
    assert result.returncode != 0
    assert message in result.stderr
