from django.urls import URLPattern, path

from alongside.governance.views import boards, briefing, glossary, meetings, my_record

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
ASKED = MEETING + "briefing/questions/<uuid:question_id>/"
QUESTIONS = "orgs/<slug:org>/questions/"
urlpatterns += [
    path(MEETING + "briefing/", briefing.briefing, name="briefing"),
    path(MEETING + "briefing/ask/", briefing.question_send, name="question-send"),
    path(ASKED, briefing.question_sent, name="question-sent"),
    path(QUESTIONS, briefing.question_inbox, name="question-inbox"),
    path(QUESTIONS + "<uuid:question_id>/", briefing.question_reply, name="question-reply"),
    path("orgs/<slug:org>/my-record/", my_record.my_record, name="my-record"),
]
