from django.urls import URLPattern, path

from alongside.governance.views import boards, glossary

app_name = "governance"

BOARDS = "orgs/<slug:org>/boards/"
BOARD = BOARDS + "<uuid:board_id>/"
MEETING = "orgs/<slug:org>/meetings/<uuid:meeting_id>/"

urlpatterns: list[URLPattern] = []

# Boards, seats, glossary and recruitment (views/boards.py, views/recruitment.py, views/glossary.py)
urlpatterns += [
    path(BOARDS, boards.board_list, name="board-list"),
    path(BOARD, boards.board_detail, name="board-detail"),
    path("orgs/<slug:org>/glossary/", glossary.glossary, name="glossary"),
]

# Meetings, agenda, papers, attendance and motions (views/meetings.py, views/attendance.py,
# views/motions.py)
urlpatterns += []

# Minutes, actions and support for young members (views/minutes.py, views/actions.py,
# views/briefing.py, views/my_record.py)
urlpatterns += []
