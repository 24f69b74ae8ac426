from django.urls import URLPattern, path

from alongside.governance.views import actions as action_views
from alongside.governance.views import boards, glossary, meetings
from alongside.governance.views import minutes as minutes_views

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
]

# Minutes, actions and support for young members (views/minutes.py, views/actions.py,
# views/briefing.py, views/my_record.py)
ACTION = "orgs/<slug:org>/actions/<uuid:action_id>/"
urlpatterns += [
    path(MEETING + "minutes/", minutes_views.minutes_detail, name="minutes-detail"),
    path(MEETING + "minutes/write/", minutes_views.minutes_draft, name="minutes-draft"),
    path(MEETING + "minutes/publish/", minutes_views.minutes_publish, name="minutes-publish"),
    path(MEETING + "actions/new/", action_views.action_add, name="action-add"),
    path(BOARD + "actions/", action_views.board_actions, name="board-actions"),
    path(ACTION + "done/", action_views.action_done, name="action-done"),
    path("orgs/<slug:org>/my-actions/", action_views.my_actions, name="my-actions"),
]
