"""Upstream tasks of our own shared by the trace tests (test_trace.py, test_trace_model.py):
each test module pairs them with its own downstream tasks."""

from __future__ import annotations

from search_api.legal.trace import TraceTask

UP = [
    TraceTask("u1", "Rà soát, sửa đổi quy chế quản lý tài sản công tại các cơ quan nhà nước", ("Bộ Tài chính",),
              section="1"),
    TraceTask("u2", "Tuyên truyền pháp luật về phòng cháy, chữa cháy trong trường học", ("Bộ Công an",), section="2"),
    TraceTask("u3", "Số hóa hồ sơ thủ tục hành chính, hoàn thành trong năm 2026", ("Văn phòng Chính phủ",),
              section="3", refs=("12/NQ-CP",)),
]
