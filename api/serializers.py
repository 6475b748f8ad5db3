"""What the API's errors and moves look like (the records' shapes are declared with their kinds)."""

from rest_framework import serializers

from editorial.public.shapes import CompactRefSerializer


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable, e.g. not_found, invalid, invalid_cursor, throttled.")
    message = serializers.CharField(help_text="What went wrong, for a person.")
    details = serializers.DictField(allow_null=True, help_text="Per-field messages or other specifics, or null.")


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer(help_text="What went wrong.")


class MovedSerializer(serializers.Serializer):
    moved_to = CompactRefSerializer(help_text="The record that a merged record's old UUID now leads to.")
