from django.contrib import admin

from .models import Delivery, Notification, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "local_time", "channel", "enabled", "next_fire_at")
    list_filter = ("kind", "channel", "enabled")
    search_fields = ("user__username",)
    raw_id_fields = ("user",)
    readonly_fields = ("next_fire_at", "next_slot")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("reminder", "slot", "status", "scheduled_for", "sent_at", "attempts")
    list_filter = ("status",)
    raw_id_fields = ("reminder",)
    readonly_fields = [f.name for f in Delivery._meta.fields]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "title", "created_at", "read_at")
    raw_id_fields = ("user", "delivery")
