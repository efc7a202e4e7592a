export const authMessages = {
  en: {
    title: 'Sign in',
    intro: 'Mutual legal assistance requests between central authorities.',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    wrong: 'The e-mail or password is wrong.',
    expired: 'Your session has ended. Sign in again to continue where you were.',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {{name}} ({{role}}, {{authority}})',
  },
  vi: {
    title: 'Đăng nhập',
    intro: 'Yêu cầu tương trợ tư pháp giữa các cơ quan trung ương.',
    email: 'Thư điện tử',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    wrong: 'Thư điện tử hoặc mật khẩu không đúng.',
    expired: 'Phiên làm việc đã kết thúc. Hãy đăng nhập lại để tiếp tục.',
    signOut: 'Đăng xuất',
    signedInAs: 'Đăng nhập với tên {{name}} ({{role}}, {{authority}})',
  },
};
