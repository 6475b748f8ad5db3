"""The API's resources, one module per kind: its filters and viewsets. Each kind's public shape and
`Resource` are declared with the kind (`<app>/public.py`, registered in `editorial.public.resources`).
"""
