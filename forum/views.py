"""Public profiles of Forum Anak groups. They show the group and its activities, never its members."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from forum.models import Activity, ForumGroup

RECENT_ACTIVITIES = 10


@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    groups = ForumGroup.objects.select_related("region", "region__parent")
    return render(request, "forum/group_list.html", {"groups": groups})


@require_GET
def group_detail(request: HttpRequest, code: str) -> HttpResponse:
    group = get_object_or_404(ForumGroup.objects.select_related("region", "region__parent"), region__code=code)
    activities = Activity.objects.filter(group=group)[:RECENT_ACTIVITIES]
    below = ForumGroup.objects.filter(region__parent=group.region).select_related("region")
    return render(
        request,
        "forum/group_detail.html",
        {"group": group, "activities": activities, "groups_below": below},
    )
