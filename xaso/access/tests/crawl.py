"""Every URL pattern of the project, made concrete with the world's objects.

`url_patterns()` walks the resolver (the project's URLs and every Wagtail admin URL it
exposes). `concrete_urls(pattern, world)` gives the addresses to request for one pattern:
its parameters filled with objects of each place (two units and two communes, see world.py),
plus query strings naming another commune's objects where a screen takes them. A parameter
nobody taught this module to fill fails the matrix, so a new URL cannot slip through untested.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

from xaso.access.middleware import route_key
from xaso.access.policy import MODELS
from xaso.access.tests.world import World

PLACES = ("a1", "a2", "b1", "a", "b")


@dataclass(frozen=True)
class Pattern:
    key: str  # how xaso/access/policy.py VIEWS names it
    route: str  # the whole pattern, for messages
    name: str | None  # namespaced URL name, for reverse()
    params: tuple[str, ...]
    regex: bool


def url_patterns() -> list[Pattern]:
    found: list[Pattern] = []

    def walk(patterns: list[Any], prefix: str, namespaces: tuple[str, ...]) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                namespace = (entry.namespace,) if entry.namespace else ()
                walk(entry.url_patterns, prefix + str(entry.pattern), namespaces + namespace)
                continue
            assert isinstance(entry, URLPattern)
            route = prefix + str(entry.pattern)
            name = ":".join((*namespaces, entry.name)) if entry.name else None
            found.append(
                Pattern(
                    key=name or route_key(route),
                    route=route,
                    name=name,
                    params=_params(route),
                    regex=isinstance(entry.pattern, RegexPattern) or not isinstance(entry.pattern, RoutePattern),
                )
            )

    walk(get_resolver().url_patterns, "", ())
    # A pattern shadowed by an earlier one with the same route (the project's bulk-action guard
    # in front of Wagtail's) is never reached: walk it once.
    unique: dict[str, Pattern] = {}
    for pattern in found:
        unique.setdefault(pattern.route, pattern)
    return list(unique.values())


def _params(route: str) -> tuple[str, ...]:
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    positional = len(re.findall(r"\((?!\?)", route))
    return tuple(names) + tuple(f"_{n}" for n in range(positional))


def _fill(route: str, values: dict[str, Any]) -> str:
    """The address of a route with its parameters replaced, for routes mixing converters and regexes."""
    text = route
    for name, value in values.items():
        text = re.sub(rf"<(?:\w+:)?{name}>", str(value), text)
        text = re.sub(rf"\(\?P<{name}>(?:[^()]|\([^()]*\))*\)", str(value), text)
    for name, value in values.items():
        if name.startswith("_"):
            text = re.sub(r"\((?!\?)(?:[^()]|\([^()]*\))*\)", str(value), text, count=1)
    text = text.replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + text.lstrip("/")


def _model_of_namespace(key: str) -> str | None:
    match = re.match(r"wagtailsnippet(?:s|choosers)_(\w+?)_(\w+):", key)
    if not match:
        return None
    for label in MODELS:
        if label.lower() == f"{match.group(1)}.{match.group(2)}":
            return label
    return None


# URLs whose values depend on the pattern, not only on the parameter's name.
PK_OF_KEY = {
    "plans:detail": "plans.Plan",
    "plans_export": "plans.Plan",
    "reporting_period": "reporting.ReportingPeriod",
    "reporting_report": "reporting.UnitReport",
    "outreach_showcase_article": "outreach.Showcase",
    "honours_process": "honours.Proposal",
    "learning_certificate": "learning.Enrolment",
    "documents:status": "documents.RenderJob",
    "documents:file": "documents.RenderJob",
    **dict.fromkeys(
        (
            "intake_draft",
            "intake_draft_status",
            "intake_draft_source",
            "intake_draft_edit",
            "intake_draft_units",
            "intake_draft_confirm",
        ),
        "intake.PlanDraft",
    ),
}

QUERY_VARIANTS: dict[str, tuple[str, ...]] = {
    "indicators_dashboard": ("?don-vi={unit_b1}", "?don-vi={unit_a2}", "?don-vi={unit_b}"),
    "indicators_export": ("?don-vi={unit_b1}", "?don-vi={unit_b}"),
    "indicators_detail": ("?don-vi={unit_b1}",),
    "villages_index": ("?xa={unit_b}",),
    "funding_summary": ("?xa={unit_b}",),
    "learning_learners": ("?khoa={course_b}&don-vi={unit_b1}", "?don-vi={unit_a2}"),
    "learning_slips": ("?khoa={course_b}&don-vi={unit_b1}",),
    "wagtailadmin_choose_page": ("?parent_page_id={page_b_home}",),
    "wagtailadmin_choose_page_search": ("?q=zq", "?q=B%C3%A0i"),
    "wagtailadmin_pages:search": ("?q=zq",),
    "wagtailadmin_api:pages:listing": ("?child_of={page_b_topic}", "?search=zq", "?descendant_of={page_b_home}"),
    "wagtailadmin_api:images:listing": ("?search=zq",),
    "wagtailadmin_api:documents:listing": ("?search=zq",),
    "portal:search": ("?q=zq",),
    "wagtailadmin_tag_autocomplete": ("?term=zq",),
    "wagtailadmin_tag_model_autocomplete": ("?term=zq",),
    "intake_draft_edit": ("?phan=chung", "?phan=can-cu"),
}


def _place_values(world: World, place: str) -> dict[str, Any]:
    """What each place offers for the parameters that do not depend on the URL."""
    pages = world.pages
    commune = place[0]
    values: dict[str, Any] = {}
    if place in ("a", "b"):
        page = pages[place]
        values.update(
            page_id=page.pk,
            parent_page_id=pages[f"{place}-topic"].pk,
            page_to_move_id=page.pk,
            destination_id=pages[f"{place}-topic"].pk,
            revision_id=page.latest_revision_id,
            image_id=world.images[place].pk,
            document_id=world.documents[place].pk,
            doc_id=world.documents[place].pk,
            commune_id=world.units[place].pk,
            article_id=page.pk,
            audio_id=world.of("channels.BroadcastAudio")[place].pk,
            slug=world.of("learning.Course")[place].slug,
            visit=world.of("villages.SupportVisit")[place].pk,
            collection_id=world.images[place].collection_id,
        )
    if place in ("a1", "b1"):
        # The stored name of an evidence file: through /tep/ (checked) and /media/ (must not serve it).
        values.update(name=world.evidence_urls[place], path=world.evidence_urls[place])
    values.update(
        revision_id_a="earliest",
        revision_id_b="latest",
        content_type_app_name="portal",
        content_type_model_name="articlepage",
        filter_spec="max-165x165",
        action_name="approve",
        kind="docx",
        fmt="xlsx",
        key="honour_activities",
        number=1,
        attempt=1,
        code=f"ZQ{place.upper()}0001" if len(place) == 2 else "ZQKHONGCO",
        uidb64="MQ",
        token="khong-hop-le",
        _0=world.documents[commune].pk,
        _1="tep.pdf",
    )
    return values


def _pk(key: str, world: World, place: str) -> Any:
    label = _model_of_namespace(key) or PK_OF_KEY.get(key)
    if label:
        obj = world.of(label).get(place)
        return obj.pk if obj is not None else None
    if key.startswith("onboarding_"):
        # A commune's onboarding pages take the commune's own pk.
        return world.units[place].pk if place in ("a", "b") else None
    if key.startswith("villages_"):
        return world.units[f"{place[0]}-village"].pk if place in ("a", "b") else None
    if key.startswith("notifications_"):
        persona = {"a1": "mai", "b1": "thu"}.get(place)
        return world.extra["notifications"][persona].pk if persona else None
    if key.startswith("wagtailadmin_api:pages") or key.startswith("wagtailadmin_pages:"):
        return world.pages[place].pk if place in ("a", "b") else None
    if key.startswith("wagtailadmin_api:images"):
        return world.images[place].pk if place in ("a", "b") else None
    if key.startswith("wagtailadmin_api:documents"):
        return world.documents[place].pk if place in ("a", "b") else None
    if key.startswith("wagtailusers_users:"):
        return world.users[place].pk if place in world.users else None
    if key.startswith(("wagtailadmin_collections:",)):
        return world.images[place].collection_id if place in ("a", "b") else None
    if key.startswith(("wagtailimages_chooser:",)):
        return world.images[place].pk if place in ("a", "b") else None
    if key.startswith(("wagtaildocs_chooser:",)):
        return world.documents[place].pk if place in ("a", "b") else None
    # Operators' screens (sites, groups, workflows, redirects, settings): the first row is enough.
    return 1


PARAM_DEFAULTS = {
    # Wagtail's own bookkeeping ids, not tied to a commune: any id reaches the same checks.
    "task_state_id": 1,
    "workflow_state_id": 1,
    "task_id": 1,
    "uploaded_file_id": 1,
    "session_id": 1,
    "restriction_id": 1,
    "page_view_restriction_id": 1,
    "page_pk": 1,
    "workflow_pk": 1,
    "redirect_id": 1,
    "app_name": "wagtailcore",
    "model_name": "page",
    "app_label": "wagtailcore",
    "object_id": 1,
}


def concrete_urls(pattern: Pattern, world: World) -> list[str]:
    """Addresses to request for `pattern`; raises LookupError for a parameter nobody can fill."""
    return [url for _, url in concrete_requests(pattern, world)]


def concrete_requests(pattern: Pattern, world: World) -> list[tuple[str | None, str]]:
    """(place, address) pairs: the place whose objects the address names, None for none."""
    if pattern.key == "wagtail_bulk_action":
        return bulk_urls(world)
    urls: list[tuple[str | None, str]] = []
    offered = {name for place in PLACES for name in _place_values(world, place)} | set(PARAM_DEFAULTS) | {"pk"}
    unknown = [param for param in pattern.params if param not in offered]
    if unknown:
        raise LookupError(f"Không biết điền tham số {unknown} của {pattern.route} ({pattern.key}).")
    for place in PLACES:
        base = _place_values(world, place)
        values: dict[str, Any] = {}
        missing = False
        for param in pattern.params:
            if param == "pk":
                value = _pk(pattern.key, world, place)
            elif param in base:
                value = base[param]
            else:
                value = PARAM_DEFAULTS.get(param)
            if value is None:
                missing = True
                break
            values[param] = value
        if missing:
            continue
        if pattern.key.endswith("move_confirm") and place in ("a", "b"):
            # Moving one's own page under another commune's section, and the reverse.
            other = "b" if place == "a" else "a"
            values["destination_id"] = world.pages[f"{other}-topic"].pk
        url = _fill(pattern.route, values)
        if url not in {known for _, known in urls}:
            urls.append((place if pattern.params else None, url))
        if not pattern.params:
            break
    if urls:
        for variant in QUERY_VARIANTS.get(pattern.key, ()):
            urls.append((None, urls[0][1] + variant.format(**_query_values(world))))
    return urls


def _query_values(world: World) -> dict[str, Any]:
    return {
        "unit_b1": world.units["b1"].pk,
        "unit_a2": world.units["a2"].pk,
        "unit_b": world.units["b"].pk,
        "course_b": world.of("learning.Course")["b"].pk,
        "page_b_home": world.pages["b-home"].pk,
        "page_b_topic": world.pages["b-topic"].pk,
    }


def bulk_urls(world: World) -> list[tuple[str | None, str]]:
    """Bulk actions over one place's rows (and over "all"), for every kind of row."""
    urls: list[tuple[str | None, str]] = []
    kinds = [(label.lower().split("."), places) for label, places in world.objects.items()]
    kinds += [(["wagtailimages", "image"], world.images), (["wagtaildocs", "document"], world.documents)]
    kinds += [(["accounts", "user"], world.users)]
    for (app, model), places in kinds:
        # One place's rows at a time (the write matrix sends each as those who may not change it),
        # every place's rows at once and "all" (the read matrix looks for foreign titles).
        for place, obj in places.items():
            urls.append((place, f"/quan-tri/bulk/{app}/{model}/delete/?id={obj.pk}"))
        every = "&".join(f"id={obj.pk}" for obj in places.values())
        urls.append((None, f"/quan-tri/bulk/{app}/{model}/delete/?{every}"))
        urls.append((None, f"/quan-tri/bulk/{app}/{model}/delete/?id=all"))
    for place in ("a", "b"):
        for action in ("delete", "move", "publish", "unpublish"):
            urls.append((place, f"/quan-tri/bulk/wagtailcore/page/{action}/?id={world.pages[place].pk}"))
    urls.append((None, f"/quan-tri/bulk/wagtailcore/page/delete/?id=all&childOf={world.pages['b-topic'].pk}"))
    return urls


def readable_text(response: Any) -> str:
    """What a reader of the response sees: the body, and the text inside office files."""
    if getattr(response, "streaming", False):
        body = b"".join(itertools.islice(response.streaming_content, 4096))
    else:
        body = response.content
    if body[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                return " ".join(
                    archive.read(name).decode("utf-8", "ignore")
                    for name in archive.namelist()
                    if name.endswith((".xml", ".rels"))
                )
        except zipfile.BadZipFile:
            pass
    location = response.get("Location", "") if hasattr(response, "get") else ""
    return body.decode("utf-8", "ignore") + " " + location
