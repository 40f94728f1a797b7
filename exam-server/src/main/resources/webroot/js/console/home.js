// Shows the proctor console link on the home page to proctors. home.js marks #role-home with the
// signed-in role (data-role) once it knows it; this waits for that mark.
const roleHome = document.getElementById('role-home');
const links = document.getElementById('proctor-links');

function show() {
  if (roleHome && links) {
    links.hidden = roleHome.dataset.role !== 'PROCTOR';
  }
}

if (roleHome && links) {
  show();
  new MutationObserver(show).observe(roleHome, { attributes: true, attributeFilter: ['data-role'] });
}
