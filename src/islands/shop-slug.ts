import { slugFromName } from '#server/shops/slug.ts';

/**
 * Shop creation: the online address follows the name as it is typed, until the merchant types in the address
 * field. Without JavaScript the field may stay empty and the server makes the same address from the name.
 */
const form = document.querySelector<HTMLFormElement>('form[data-shop-form=create]');
const name = form?.querySelector<HTMLInputElement>('input[name=name]');
const slug = form?.querySelector<HTMLInputElement>('input[name=slug]');
if (name && slug) {
  let follow = slug.value === '' || slug.value === slugFromName(name.value);
  slug.addEventListener('input', () => {
    follow = slug.value === '';
  });
  name.addEventListener('input', () => {
    if (follow) slug.value = name.value.trim() ? slugFromName(name.value) : '';
  });
}
