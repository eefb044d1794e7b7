# Copyright 2026 Helpdesk Suite Contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from .queue import process_locked_batches

__all__ = ["process_locked_batches"]
