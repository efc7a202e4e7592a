/** The texts of evidence delivery and its files (namespace `evidence`). */
const en = {
  transfer: {
    label: 'How the file travels',
    UPLOAD: 'Uploaded here',
    OUT_OF_BAND: 'Out of band (disk by courier or diplomatic bag)',
    uploadHelp: 'The file is uploaded after the items are recorded; the server checks its SHA-256.',
    outOfBandHelp: 'Only its SHA-256 and size are recorded here; the recipient checks the disk against them.',
    medium: 'Medium and route',
    mediumPlaceholder: 'e.g. SSD, diplomatic bag 2026/114',
  },
  badge: {
    missing: 'File missing',
    outOfBand: 'Out of band',
    stored: 'Verified',
  },
  list: {
    missingHelp: 'Declared for upload; the file is not stored yet. A final delivery waits for it.',
    missingOther: 'Declared for upload; the file is not stored yet.',
    outOfBand: 'Sent out of band: {{medium}}',
    outOfBandNoMedium: 'Sent out of band',
    download: 'Download {{name}}',
  },
  reupload: {
    button: 'Upload the file again',
    title: 'Upload the file of item {{no}}.{{item}}',
    intro: 'Choose the file declared for this item ({{size}}). Its SHA-256 must be:',
    file: 'File',
    hashing: 'Computing SHA-256…',
    mismatch: 'This file does not match: its SHA-256 is {{hash}} ({{size}}). Choose the file declared for this item.',
    matches: 'SHA-256 matches what was declared. Ready to upload.',
    upload: 'Upload',
    progress: 'Upload of {{name}}',
    verified: 'Verified by the server: the file of item {{no}}.{{item}} is stored, SHA-256 {{hash}}.',
  },
  delivery: {
    recorded: 'Items recorded (delivery {{no}}). The files are now uploading: keep this page open until each is verified.',
    delivered: 'Evidence delivered: every file verified by the server.',
    deliveredFinal: 'Evidence delivered: every file verified by the server, and the delivery is final.',
    incomplete: 'Not every file is stored. Upload the missing ones from the evidence list of the request; the delivery is not final until then.',
    finalising: 'Making the delivery final…',
    finalAfterUploads: 'The files are uploaded first; the delivery becomes final once the server has verified each.',
  },
};

const vi: typeof en = {
  transfer: {
    label: 'Cách chuyển tệp',
    UPLOAD: 'Tải lên tại đây',
    OUT_OF_BAND: 'Chuyển ngoài hệ thống (ổ đĩa qua chuyển phát hoặc túi ngoại giao)',
    uploadHelp: 'Tệp được tải lên sau khi các mục được ghi nhận; máy chủ kiểm tra giá trị SHA-256 của tệp.',
    outOfBandHelp: 'Tại đây chỉ ghi nhận SHA-256 và dung lượng; bên nhận đối chiếu ổ đĩa với các giá trị này.',
    medium: 'Phương tiện và đường chuyển',
    mediumPlaceholder: 'Ví dụ: ổ SSD, túi ngoại giao số 2026/114',
  },
  badge: {
    missing: 'Thiếu tệp',
    outOfBand: 'Chuyển ngoài hệ thống',
    stored: 'Đã kiểm tra',
  },
  list: {
    missingHelp: 'Đã khai báo để tải lên nhưng tệp chưa được lưu. Lần chuyển giao cuối cùng phải chờ tệp này.',
    missingOther: 'Đã khai báo để tải lên nhưng tệp chưa được lưu.',
    outOfBand: 'Chuyển ngoài hệ thống: {{medium}}',
    outOfBandNoMedium: 'Chuyển ngoài hệ thống',
    download: 'Tải xuống {{name}}',
  },
  reupload: {
    button: 'Tải lại tệp lên',
    title: 'Tải lên tệp của mục {{no}}.{{item}}',
    intro: 'Chọn tệp đã khai báo cho mục này ({{size}}). Giá trị SHA-256 của tệp phải là:',
    file: 'Tệp',
    hashing: 'Đang tính SHA-256…',
    mismatch: 'Tệp này không khớp: SHA-256 của tệp là {{hash}} ({{size}}). Hãy chọn đúng tệp đã khai báo cho mục này.',
    matches: 'SHA-256 khớp với giá trị đã khai báo. Có thể tải lên.',
    upload: 'Tải lên',
    progress: 'Tiến độ tải lên {{name}}',
    verified: 'Máy chủ đã kiểm tra: tệp của mục {{no}}.{{item}} đã được lưu, SHA-256 {{hash}}.',
  },
  delivery: {
    recorded: 'Đã ghi nhận các mục (lần chuyển giao {{no}}). Các tệp đang được tải lên: hãy giữ trang này mở cho đến khi từng tệp được kiểm tra.',
    delivered: 'Đã chuyển giao chứng cứ: máy chủ đã kiểm tra mọi tệp.',
    deliveredFinal: 'Đã chuyển giao chứng cứ: máy chủ đã kiểm tra mọi tệp và đây là lần chuyển giao cuối cùng.',
    incomplete: 'Chưa lưu đủ các tệp. Hãy tải lên các tệp còn thiếu từ danh sách chứng cứ của yêu cầu; lần chuyển giao chưa phải là cuối cùng cho đến khi đó.',
    finalising: 'Đang hoàn tất lần chuyển giao cuối cùng…',
    finalAfterUploads: 'Các tệp được tải lên trước; lần chuyển giao trở thành cuối cùng khi máy chủ đã kiểm tra từng tệp.',
  },
};

export const evidenceMessages = { en, vi };
