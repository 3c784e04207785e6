from typing import Any

from django.core.management.base import BaseCommand

from xaso.portal.search import search_index_rebuild


class Command(BaseCommand):
    help = "Lập lại chỉ mục tìm kiếm của mọi trang đã đăng (Rebuild the portal's public search index)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = search_index_rebuild()
        self.stdout.write(f"Đã lập chỉ mục {count} trang.")
