// A customer's photo on a post card: the sandbox sends it as X does (attachments.media_keys,
// includes.media with a pbs.twimg.com URL), and the card shows a thumbnail named by its alt text.
// Offline (as here and in demos) the picture cannot load; the card must still show the thumbnail
// with its alt text rather than lose it.
import { addColumn } from './deck-helpers';
import { expect, test } from './fixtures';

const ALT = 'A suitcase with its side torn open on a baggage carousel';

test('a post with a photo shows a thumbnail whose accessible name is the alt text', async ({ page, workspace }) => {
  const pictures: string[] = [];
  await page.route('https://pbs.twimg.com/**', async (route) => {
    pictures.push(route.request().url());
    await route.abort('internetdisconnected');
  });
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'shredded' }, 'Search: shredded');
  await expect(column.getByText('Live')).toBeVisible();

  await workspace.admin.createPost({ author: 'maria_flies', text: 'Text only: my shredded boarding pass @AcmeAir' });
  const { id } = await workspace.admin.createPost({
    author: 'maria_flies',
    text: '@AcmeAir my bag came off AA1234 shredded 😡',
    media: [{ type: 'photo', alt_text: ALT }],
  });

  const card = column.locator(`article[data-post-id="${id}"]`);
  await expect(card).toBeVisible({ timeout: 5_000 });
  const thumbnail = card.getByRole('img', { name: ALT });
  await expect(thumbnail).toBeVisible();
  await expect(thumbnail).toHaveAttribute('src', /^https:\/\/pbs\.twimg\.com\/media\/[\w-]{15}\.jpg$/);
  await expect.poll(() => pictures.length).toBeGreaterThan(0); // it asked for the picture, which failed offline
  await expect(thumbnail).toBeVisible();
  await expect(card.getByText('my bag came off AA1234 shredded')).toBeVisible();

  // The text-only post has no thumbnail.
  const textOnly = column.getByRole('article').filter({ hasText: 'Text only: my shredded boarding pass' });
  await expect(textOnly).toBeVisible();
  await expect(textOnly.getByRole('img', { name: /^(?!Sentiment: )/ })).toHaveCount(0); // its tone badge is no picture
});
