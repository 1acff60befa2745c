// Sends the sign-out confirmation at once, as Cognito's /logout signs out without asking.
// (No inline script under the page's CSP: this file is served from /local/auth/assets/.)
document.getElementById('logout')?.click();
