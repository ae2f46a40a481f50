"""Django admin: memberships and moderators editable by administrators, the audit log read-only."""

from typing import Any

from django.contrib import admin

from coopdec.accounts import audit, services
from coopdec.accounts.models import ApiToken, AuditEvent, Membership, NetworkModerator


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "authority", "role", "status", "via", "requested_at"]
    list_filter = ["status", "role", "via"]
    raw_id_fields = ["user", "authority", "decided_by"]
    search_fields = ["user__email", "authority__name", "authority__code"]

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        """Changes made here go to the audit log like those of the pages."""
        super().save_model(request, obj, form, change)
        audit.record(
            "role.change" if change else "membership.admin_add",
            actor=request.user,
            ip=audit.client_ip(request),
            target=obj.authority,
            member=obj.user.get_username(),
            role=obj.role,
            status=obj.status,
        )

    def delete_model(self, request: Any, obj: Any) -> None:
        services.remove_member(request.user, obj, ip=audit.client_ip(request))


@admin.register(NetworkModerator)
class NetworkModeratorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "region", "granted_at"]
    raw_id_fields = ["user"]

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        """Through the service: the permission module is asked and the audit log written."""
        if change:
            super().save_model(request, obj, form, change)
            return
        services.grant_moderator(request.user, obj.user, obj.region, ip=audit.client_ip(request))
        obj.pk = NetworkModerator.objects.get(user=obj.user, region=obj.region).pk

    def delete_model(self, request: Any, obj: Any) -> None:
        services.revoke_moderator(request.user, obj.user, obj.region, ip=audit.client_ip(request))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request: Any) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "actor_label", "action", "ip", "target"]
    list_filter = ["action"]
    search_fields = ["actor_label", "target"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
