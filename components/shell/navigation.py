"""Which pages exist, and which each role may open. Every page has a URL (a bookmarked officer link
opens a Thai "please sign in" rather than Streamlit's English "page not found"), the menu lists only
the role's pages, and each staff page refuses anyone else itself (`components.shell.session.require_role`)."""

from __future__ import annotations

from components.shell.session import ADMIN, OFFICER, PUBLIC

EVERYONE = (PUBLIC, OFFICER, ADMIN)
STAFF = (OFFICER, ADMIN)
MAP_PAGE = "map"  # the URL path of the map page, which draws its map before the frame's sidebar

PAGES = [  # (script, label key, icon, url path, roles)
    ("pages/home.py", "nav_home", ":material/home:", "home", EVERYONE),
    ("pages/overview.py", "nav_overview", ":material/dashboard:", "overview", EVERYONE),
    ("pages/map.py", "nav_map", ":material/map:", MAP_PAGE, EVERYONE),
    ("pages/poverty.py", "nav_poverty", ":material/diversity_3:", "poverty", EVERYONE),
    ("pages/table.py", "nav_table", ":material/table_chart:", "table", EVERYONE),
    ("pages/explorer.py", "nav_explorer", ":material/query_stats:", "explorer", EVERYONE),
    ("pages/present.py", "nav_present", ":material/slideshow:", "present", EVERYONE),
    ("pages/households.py", "nav_households", ":material/family_restroom:", "households", STAFF),
    ("pages/fieldwork.py", "nav_fieldwork", ":material/assignment_turned_in:", "fieldwork", STAFF),
    ("pages/sets.py", "nav_sets", ":material/bookmarks:", "sets", (ADMIN,)),
    ("pages/import_data.py", "nav_import", ":material/upload_file:", "import", (ADMIN,)),
    ("pages/users.py", "nav_users", ":material/manage_accounts:", "users", (ADMIN,)),
    ("pages/catalogue.py", "nav_catalogue", ":material/menu_book:", "indicators", EVERYONE),
    ("pages/about.py", "nav_about", ":material/info:", "about", EVERYONE),
    ("pages/signin.py", "nav_signin", ":material/login:", "signin", EVERYONE),
]


def all_pages() -> list[tuple[str, str, str, str]]:
    """(script, label key, icon, url path) of every page, in menu order."""
    return [(script, label, icon, path) for script, label, icon, path, _ in PAGES]


def menu_for(role: str) -> set[str]:
    """The scripts `role` sees in the menu."""
    return {script for script, _, _, _, roles in PAGES if role in roles}
