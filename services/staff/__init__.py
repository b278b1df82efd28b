"""The staff tool's service layer: staff accounts, notices published as alerts events, audit.

Channel-free and web-free: the staff page, the staff API, the ``/notice`` chat flow and the
``kesco-bot staff`` command all call these functions.
"""
