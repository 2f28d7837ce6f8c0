"""Small documents of other issuers used by the nlp tests (our own sentences)."""

UBND_PLAN = """ỦY BAN NHÂN DÂN
TỈNH HÀ NAM
Số: 45/KH-UBND
Hà Nam, ngày 10 tháng 3 năm 2025
KẾ HOẠCH
Triển khai công tác phổ biến pháp luật năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức pháp luật của cán bộ, công chức.
II. NHIỆM VỤ
1. Sở Tư pháp chủ trì, phối hợp với Sở Thông tin và Truyền thông tổ chức hội nghị tập huấn trước ngày 30/6/2025.
2. Đối với UBND các huyện, thị xã, thành phố
- Rà soát đội ngũ báo cáo viên pháp luật.
- Tổ chức ngày Pháp luật tại địa phương.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tăng cường tuyên truyền trong Nhân dân.
III. TỔ CHỨC THỰC HIỆN
Sở Tư pháp theo dõi, đôn đốc, định kỳ báo cáo UBND tỉnh.
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
"""
