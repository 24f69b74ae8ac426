from django.urls import URLPattern, path

from alongside.governance.views import actions as action_views
from alongside.governance.views import (
    agenda,
    applying,
    boards,
    briefing,
    calendar,
    calls,
    documents,
    glossary,
    meetings,
    my_record,
    papers,
    planning,
    seats,
)
from alongside.governance.views import minutes as minutes_views

app_name = "governance"

BOARDS = "orgs/<slug:org>/boards/"
BOARD = BOARDS + "<uuid:board_id>/"
MEETING = "orgs/<slug:org>/meetings/<uuid:meeting_id>/"
GLOSSARY = "orgs/<slug:org>/glossary/"
CALL = "orgs/<slug:org>/calls/<uuid:call_id>/"
APPLICATION = "orgs/<slug:org>/applications/<uuid:application_id>/"

urlpatterns: list[URLPattern] = []

# Boards, seats, glossary and recruitment (views/boards.py, views/calls.py, views/applying.py,
# views/glossary.py)
urlpatterns += [
    path(BOARDS, boards.board_list, name="board-list"),
    path(BOARDS + "new/", boards.board_create, name="board-create"),
    path(BOARD, boards.board_detail, name="board-detail"),
    path(BOARD + "quorum/", boards.board_quorum, name="board-quorum"),
    path(BOARD + "terms/file/", documents.board_terms_file, name="board-terms-file"),
    path(BOARD + "terms.pdf", documents.board_terms_download, name="board-terms-download"),
    path(BOARD + "change/", seats.board_edit, name="board-edit"),
    path(BOARD + "close/", seats.board_close, name="board-close"),
    path(BOARD + "seats/new/", seats.seat_add, name="seat-add"),
    path(BOARD + "seats/<int:seat_id>/", seats.seat_change, name="seat-change"),
    path(BOARD + "seats/<int:seat_id>/vacate/", seats.seat_vacate, name="seat-vacate"),
    path(BOARD + "seats/<int:seat_id>/remove/", seats.seat_remove, name="seat-remove"),
    path("orgs/<slug:org>/glossary/", glossary.glossary, name="glossary"),
    path("orgs/<slug:org>/glossary/new/", glossary.glossary_add, name="glossary-add"),
    path(
        "orgs/<slug:org>/glossary/<int:term_id>/", glossary.glossary_change, name="glossary-change"
    ),
    path(
        "orgs/<slug:org>/glossary/<int:term_id>/remove/",
        glossary.glossary_remove,
        name="glossary-remove",
    ),
    path("orgs/<slug:org>/meetings.ics", calendar.meeting_calendar, name="meeting-calendar"),
    path(BOARD + "calls/", calls.board_calls, name="board-calls"),
    path(BOARD + "calls/new/", calls.call_open, name="call-open"),
    path(CALL + "applications/", calls.call_applications, name="call-applications"),
    path(CALL + "close/", calls.call_close, name="call-close"),
    path(APPLICATION, calls.application_detail, name="application-detail"),
    path(APPLICATION + "select/", calls.application_select, name="application-select"),
    path(APPLICATION + "decline/", calls.application_decline, name="application-decline"),
    path("orgs/<slug:org>/join-a-board/", applying.call_list, name="call-list"),
    path(CALL, applying.call_detail, name="call-detail"),
    path(CALL + "apply/", applying.application_why, name="application-why"),
    path(CALL + "apply/bring/", applying.application_bring, name="application-bring"),
    path(CALL + "apply/support/", applying.application_support, name="application-support"),
    path(CALL + "apply/check/", applying.application_check, name="application-check"),
    path(APPLICATION + "sent/", applying.application_sent, name="application-sent"),
    path(APPLICATION + "withdraw/", applying.application_withdraw, name="application-withdraw"),
    path("orgs/<slug:org>/my-applications/", applying.application_mine, name="application-mine"),
]

# Meetings, agenda, papers, attendance and motions (views/meetings.py, views/planning.py,
# views/agenda.py, views/papers.py)
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
    path(MEETING + "agenda/", agenda.agenda, name="agenda"),
    path(MEETING + "agenda/new/", agenda.agenda_add, name="agenda-add"),
    path(MEETING + "agenda/<int:item_id>/", agenda.agenda_change, name="agenda-change"),
    path(MEETING + "agenda/<int:item_id>/remove/", agenda.agenda_remove, name="agenda-remove"),
    path(MEETING + "agenda/<int:item_id>/move/", agenda.agenda_move, name="agenda-move"),
    path(MEETING + "papers/", papers.paper_list, name="paper-list"),
    path(MEETING + "papers/new/", papers.paper_add, name="paper-add"),
    path(MEETING + "papers/publish/", papers.papers_publish, name="papers-publish"),
    path(MEETING + "papers/<uuid:paper_id>/", papers.paper_detail, name="paper-detail"),
    path(MEETING + "papers/<uuid:paper_id>/change/", papers.paper_change, name="paper-change"),
    path(MEETING + "papers/<uuid:paper_id>/file/", documents.paper_file, name="paper-file"),
    path(
        MEETING + "papers/<uuid:paper_id>/paper.pdf",
        documents.paper_download,
        name="paper-download",
    ),
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
