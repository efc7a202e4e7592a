/** Whether the last signed-in session ended under the user (expired or signed out elsewhere). */
let expired = false;
export const markSessionExpired = () => {
  expired = true;
};
export const takeSessionExpired = (): boolean => {
  const was = expired;
  expired = false;
  return was;
};
