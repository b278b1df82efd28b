"""Staff: their accounts (who acts: :class:`~services.staff.accounts.Principal`, sign-in,
sessions, API tokens, chats linked to them), the audit log of what they did, customers'
call-back requests as staff answer them, and the errors every staff request can run into.

Channel-free and web-free: the staff web console, the ``/notice`` chat flow and the
``kesco-bot staff`` command call these functions. Notices are :mod:`services.notices`.
"""
