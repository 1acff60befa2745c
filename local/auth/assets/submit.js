// oidc-provider's self-submitting form (form_post), without its inline script: the CSP allows files only.
document.forms[0]?.submit();
