from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("team/", views.team_index, name="team"),
    path("team/invite/", views.invite_anyone, name="invite_anyone"),
    path("team/invitations/", views.invitation_list, name="invitations"),
    path("team/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("team/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("team/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("team/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("team/people/", views.people, name="people"),
    path("team/people/<int:pk>/", views.person_detail, name="person"),
    path("team/people/<int:pk>/roles/", views.person_roles, name="person_roles"),
    path("team/people/<int:pk>/memberships/", views.person_add_membership, name="person_add_membership"),
    path("team/people/<int:pk>/deactivate/", views.person_deactivate, name="person_deactivate"),
    path("team/people/<int:pk>/reactivate/", views.person_reactivate, name="person_reactivate"),
    path("team/people/<int:pk>/sign-out/", views.person_sign_out, name="person_sign_out"),
    path("team/security/", views.security, name="security"),
    path("team/security/unlock/", views.unlock, name="unlock"),
    path("team/account-events/", views.audit_log, name="audit_log"),
    path("team/<str:code>/", views.country_team, name="country"),
    path("team/<str:code>/invite/", views.invite, name="invite"),
    path("team/<str:code>/country/", views.country_edit, name="country_edit"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept"),
    path("account/", views.my_account, name="me"),
]
