// Small DOM helpers: build elements from data without innerHTML, so text from the server is never markup.

/**
 * Creates an element. props: class, text, dataset, style, on<event> listeners, and plain attributes
 * (false/null/undefined leave an attribute out, true sets it empty). Children: nodes or text.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  Object.entries(props || {}).forEach(([key, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (key === 'class') {
      element.className = value;
    } else if (key === 'text') {
      element.textContent = value;
    } else if (key === 'dataset') {
      Object.entries(value).forEach(([k, v]) => {
        if (v !== undefined && v !== null) {
          element.dataset[k] = String(v);
        }
      });
    } else if (key === 'style') {
      // Through the CSSOM: the Content-Security-Policy refuses style attributes written as markup.
      element.style.cssText = String(value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  });
  children.flat(Infinity).forEach((child) => {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  });
  return element;
}

export const byId = (id) => document.getElementById(id);

/** Calls fn at most once per `wait` ms of quiet. */
export function debounce(fn, wait) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}
