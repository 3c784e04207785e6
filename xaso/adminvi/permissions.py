"""Permission names as an administrator reads them on the group form.

Django names a model's default permissions "Can add <verbose name>" when it migrates, in English
whatever the language, and Wagtail prints that stored name (and `str(permission)`, "app | model |
name", for page permissions). The codenames stay as they are: only what is shown changes.
"""

from __future__ import annotations

import re

from django.contrib.auth.models import Permission
from django.utils.text import capfirst
from django.utils.translation import gettext

# Django's default actions, as the group form's column headings say them, and Wagtail's "choose".
ACTIONS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem", "choose": "Chọn"}
_CAN = re.compile(r"^Can (\w+) (.+)$")


def permission_label(permission: Permission) -> str:
    """ "Thêm nhóm" for Django's "Can add group"; a name of Wagtail's own permissions
    ("Publish any page") from the catalogue; a name the project wrote in Vietnamese as it is."""
    found = _CAN.match(permission.name)
    if found and found.group(1) in ACTIONS:
        action, rest = found.groups()
        model = permission.content_type.model_class()
        if permission.codename == f"{action}_{permission.content_type.model}":
            rest = str(model._meta.verbose_name) if model is not None else rest
        return f"{ACTIONS[action]} {rest}"
    return capfirst(gettext(permission.name))
