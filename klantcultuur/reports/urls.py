from django.urls import path

from klantcultuur.reports.views import board, schedules

urlpatterns = [
    path("", board.home, name="reports-home"),
    path("board/", board.board, name="reports-board"),
    path("board.pdf", board.board_pdf, name="reports-pdf"),
    path("schedules/", schedules.create, name="reports-schedule-create"),
    path("schedules/<uuid:code>/delete/", schedules.delete, name="reports-schedule-delete"),
]
