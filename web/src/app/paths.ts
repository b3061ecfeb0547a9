export const TOTP_ENROLMENT_PATH = '/staff/totp-enrolment';
export const CHANGE_PASSWORD_PATH = '/staff/change-password';
