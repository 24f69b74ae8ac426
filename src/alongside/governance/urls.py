from django.urls import URLPattern, path

from alongside.governance.views import boards, glossary, meetings, planning

app_name = "governance"

BOARDS = "orgs/<slug:org>/boards/"
BOARD = BOARDS + "<uuid:board_id>/"
MEETING = "orgs/<slug:org>/meetings/<uuid:meeting_id>/"

urlpatterns: list[URLPattern] = []

# Boards, seats, glossary and recruitment (views/boards.py, views/recruitment.py, views/glossary.py)
urlpatterns += [
    path(BOARDS, boards.board_list, name="board-list"),
    path(BOARDS + "new/", boards.board_create, name="board-create"),
    path(BOARD, boards.board_detail, name="board-detail"),
    path(BOARD + "quorum/", boards.board_quorum, name="board-quorum"),
    path("orgs/<slug:org>/glossary/", glossary.glossary, name="glossary"),
]

# Meetings, agenda, papers, attendance and motions (views/meetings.py, views/attendance.py,
# views/motions.py)
MOTION = MEETING + "motions/<uuid:motion_id>/"
urlpatterns += [
    path(MEETING, meetings.meeting_detail, name="meeting-detail"),
    path(MEETING + "start/", meetings.meeting_open, name="meeting-open"),
    path(MEETING + "who-is-here/", meetings.meeting_attendance, name="meeting-attendance"),
    path(MEETING + "finish/", meetings.meeting_close, name="meeting-close"),
    path(MEETING + "motions/new/", meetings.motion_propose, name="motion-propose"),
    path(MOTION + "vote/", meetings.motion_decide, name="motion-decide"),
    path(MOTION + "withdraw/", meetings.motion_withdraw, name="motion-withdraw"),
    path(BOARD + "meetings/new/", planning.meeting_plan, name="meeting-plan"),
    path(MEETING + "change/", planning.meeting_change, name="meeting-change"),
    path(MEETING + "cancel/", planning.meeting_cancel, name="meeting-cancel"),
    path(MEETING + "agenda/", planning.agenda, name="agenda"),
    path(MEETING + "agenda/new/", planning.agenda_add, name="agenda-add"),
    path(MEETING + "agenda/<int:item_id>/", planning.agenda_change, name="agenda-change"),
    path(MEETING + "agenda/<int:item_id>/remove/", planning.agenda_remove, name="agenda-remove"),
    path(MEETING + "agenda/<int:item_id>/move/", planning.agenda_move, name="agenda-move"),
    path(MEETING + "papers/", planning.paper_list, name="paper-list"),
    path(MEETING + "papers/new/", planning.paper_add, name="paper-add"),
    path(MEETING + "papers/publish/", planning.papers_publish, name="papers-publish"),
    path(MEETING + "papers/<uuid:paper_id>/", planning.paper_detail, name="paper-detail"),
    path(MEETING + "papers/<uuid:paper_id>/change/", planning.paper_change, name="paper-change"),
]

# Minutes, actions and support for young members (views/minutes.py, views/actions.py,
# views/briefing.py, views/my_record.py)
urlpatterns += []
