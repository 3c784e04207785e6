"""The seed plan 33/KH-UBND as the default programme of the demo commune."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.contrib.auth import get_user_model

from xaso.plans.document import parse_plan_yaml
from xaso.plans.models import Plan
from xaso.plans.services import plan_import

SEED_PLAN = Path(__file__).resolve().parent / "seed" / "ke-hoach-33-KH-UBND.yaml"


def load_seed_plan(log: Callable[[str], None]) -> Plan:
    document, lines = parse_plan_yaml(SEED_PLAN.read_bytes())
    existing = Plan.objects.filter(commune__code=document.plan.commune, code=document.plan.code).first()
    if existing:
        log(f"Kế hoạch {existing.code}: đã có, giữ nguyên.")
        return existing
    importer = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    result = plan_import(document=document, user=importer, lines=lines)
    log(f"Kế hoạch {result.plan.code}: đã nạp.")
    return result.plan
