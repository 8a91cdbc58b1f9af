// The quiz (issue 9), driven as a learner and a trainer would: open a quiz link, answer by label,
// read the status and the revealed answer, finish a level, reload, and share the link.
//
// The page never puts an answer in the DOM before it is checked, so the test learns the right
// answer the way a learner could: one page answers and reads the revealed answer, and a second
// page with the same link (same seed, same questions) answers right.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launchBrowser, openPage } from './serve.mjs';

let browser, server;
before(async () => {
  browser = await launchBrowser();
  server = await serve({ prefix: '/docs/tools/ami/' });
});
after(async () => { await browser?.close(); await server?.close(); });

const LINK = () => `${server.base}?quiz=launch-basics.7`;

/** A page in a fresh browser context (nothing saved), on the quiz. */
async function openQuiz(url = LINK()) {
  const page = await openPage(browser, url, { reducedMotion: 'reduce' });
  await quizShown(page);
  return page;
}

async function quizShown(page) {
  await page.getByRole('heading', { name: /Quiz/, level: 2 }).waitFor({ timeout: 15000 });
  await page.locator('#quiz-question-heading, #quiz-summary-heading').first().waitFor();
}

/** "Question 3 of 10" → [3, 10]. */
async function position(page) {
  const text = await page.locator('#quiz-question-heading').textContent();
  const [, n, total] = text.match(/Question (\d+) of (\d+)/);
  return [Number(n), Number(total)];
}

/** What the learner sees of the question before answering: the facts and the picture's text. */
async function questionText(page) {
  const facts = await page.locator('.quiz-facts li').allTextContents();
  const desc = await page.locator('svg[data-testid=diagram] desc').first().textContent();
  return JSON.stringify({ facts, desc });
}

/** Presses "Check answer" and returns the status ("✓ Correct" or "✗ Not quite"). */
async function check(page) {
  await page.getByRole('button', { name: 'Check answer' }).click();
  const status = page.getByRole('status').filter({ hasText: /Correct|Not quite/ });
  await status.waitFor();
  return (await status.textContent()).trim();
}

/** Answers with `answer` ({ call, devices: [{ device, encrypted, key }] }) and checks it. */
async function answerWith(page, answer) {
  await page.getByRole('radio', { name: answer.call, exact: true }).check();
  for (const d of answer.devices ?? []) {
    const group = page.getByRole('group', { name: `Your answer for ${d.device}`, exact: true });
    await group.getByRole('radio', { name: d.encrypted ? 'Encrypted' : 'Not encrypted', exact: true }).check();
    if (d.encrypted) {
      const select = group.getByLabel('Key');
      // Options read "alias/app (yours)": the key as the answer names it, then whose it is.
      const labels = await select.locator('option').allTextContents();
      const label = labels.find((l) => l.startsWith(`${d.key} (`) || l === d.key);
      assert.ok(label, `${d.key} is offered for ${d.device}: ${labels.join(' | ')}`);
      await select.selectOption({ label });
    }
  }
  return check(page);
}

/** The right answer, as the page reveals it after a check. */
async function revealedAnswer(page) {
  const whole = page.locator('.quiz-whole');
  if (await whole.count()) {
    const title = await whole.locator('strong').first().textContent();
    return { call: /is refused/.test(title) ? 'Refused' : 'Accepted, then fails' };
  }
  const devices = [];
  for (const item of await page.locator('.quiz-volume').all()) {
    const device = (await item.locator('h4').textContent()).trim();
    const right = (await item.locator('.quiz-right').textContent()).replace(/^Right answer:\s*/, '').trim();
    const key = right.match(/^Encrypted with (.+)$/)?.[1];
    devices.push({ device, encrypted: right !== 'Not encrypted', key });
  }
  return { call: 'Goes through', devices };
}

async function next(page) {
  await page.locator('#quiz-next').click();
  await page.locator('#quiz-question-heading, #quiz-summary-heading').first().waitFor();
}

test('a quiz link opens the quiz, and the toolbar links to it', async () => {
  const page = await openQuiz();
  assert.match(await page.getByRole('heading', { level: 2, name: /Quiz/ }).textContent(), /Quiz/);
  assert.deepEqual(await position(page), [1, 10]);
  // Before any check, nothing tells the answer: the outcome side is question marks.
  assert.ok(await page.locator('svg g.chip.hidden').count() > 0);
  assert.equal(await page.locator('.quiz-result').count(), 0);
  assert.equal(await page.locator('.bar').getByRole('link', { name: 'Quiz', exact: true }).count(), 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a wrong answer is "Not quite"; the same link in another browser answers it right', async () => {
  const first = await openQuiz();
  const asked = await questionText(first);
  // Launch basics never refuses a call: "Refused" is wrong for every question of the level.
  assert.match(await answerWith(first, { call: 'Refused' }), /Not quite/);
  assert.ok(await first.locator('.quiz-yours', { hasText: 'wrong' }).count() > 0, 'the learner’s answer is marked wrong');
  const right = await revealedAnswer(first);
  assert.equal(right.call, 'Goes through');
  // The revealed answer has a rule, its basis and an AWS link per volume.
  for (const item of await first.locator('.quiz-volume').all()) {
    assert.match(await item.textContent(), /Rule:/);
    assert.ok(await item.locator('.badge').count() === 1, 'a basis');
    assert.match(await item.getByRole('link', { name: 'Read the AWS section' }).getAttribute('href'), /^https:\/\/docs\.aws\.amazon\.com\//);
  }
  // After checking, focus is on the result's heading; "Next question" is the way on.
  assert.equal(await first.evaluate(() => document.activeElement?.id), 'quiz-result-heading');

  const second = await openQuiz();
  assert.equal(await questionText(second), asked, 'same link, same question');
  assert.match(await answerWith(second, right), /Correct/);
  assert.ok(await second.locator('.quiz-yours', { hasText: 'wrong' }).count() === 0);
  assert.deepEqual([...first.errors, ...second.errors], []);
  await first.context().close();
  await second.context().close();
});

test('finishing a level shows the summary; a reload mid-run keeps the place and the score', async () => {
  // One page reveals each answer, the other answers it right.
  const scout = await openQuiz();
  const learner = await openQuiz();
  const [, total] = await position(learner);
  for (let n = 1; n <= total; n += 1) {
    assert.deepEqual(await position(learner), [n, total]);
    assert.match(await answerWith(scout, { call: 'Refused' }), /Not quite/);
    assert.match(await answerWith(learner, await revealedAnswer(scout)), /Correct/, `question ${n}`);
    assert.ok(await learner.getByText(`Score: ${n} of ${n} right`).count() === 1);
    if (n === 3) {
      // A reload resumes at the checked question, its answer kept and counted once.
      await learner.reload();
      await quizShown(learner);
      assert.deepEqual(await position(learner), [3, total]);
      assert.equal(await learner.getByText('Score: 3 of 3 right').count(), 1);
      assert.equal(await learner.locator('.quiz-result').count(), 1, 'the checked answer is still shown');
    }
    await next(scout);
    await next(learner);
    if (n === 4) {
      await learner.reload();
      await quizShown(learner);
      assert.deepEqual(await position(learner), [5, total], 'the next question, unanswered');
      assert.equal(await learner.locator('.quiz-result').count(), 0);
    }
  }
  const summary = learner.getByRole('region', { name: 'Quiz summary' });
  await summary.waitFor();
  assert.match(await summary.textContent(), new RegExp(`Score: ${total} of ${total} right`));
  assert.match(await summary.textContent(), /Every answer was right/);
  assert.equal(await learner.evaluate(() => document.activeElement?.id), 'quiz-summary-heading');
  // The scout missed every question: each missed rule is listed once, with its AWS link.
  const missed = scout.getByRole('region', { name: 'Quiz summary' });
  assert.match(await missed.textContent(), new RegExp(`Score: 0 of ${total} right`));
  const links = await missed.locator('.quiz-missed a').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(links.length > 0 && links.every((h) => h.startsWith('https://docs.aws.amazon.com/')), links.join(' '));
  // The level picker shows the level finished, and a reload keeps it.
  await learner.reload();
  await quizShown(learner);
  const option = learner.getByLabel('Level', { exact: true }).locator('option', { hasText: 'Launching your own AMI' });
  assert.match(await option.textContent(), /finished/);
  // Copy summary: plain text with the score and the link that gives the same questions.
  await scout.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await scout.getByRole('button', { name: 'Copy summary' }).click();
  await scout.getByRole('status').filter({ hasText: 'Summary copied to the clipboard.' }).waitFor();
  const copied = await scout.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, new RegExp(`Score: 0 of ${total} right`));
  assert.match(copied, /quiz=launch-basics\.7/);
  assert.deepEqual([...scout.errors, ...learner.errors], []);
  await scout.context().close();
  await learner.context().close();
});

test('two fresh browsers with the same link get the same first three questions', async () => {
  const a = await openQuiz();
  const b = await openQuiz();
  const seen = [];
  for (let n = 1; n <= 3; n += 1) {
    const [textA, textB] = [await questionText(a), await questionText(b)];
    assert.equal(textA, textB, `question ${n}`);
    seen.push(textA);
    for (const page of [a, b]) {
      await answerWith(page, { call: 'Refused' });
      await next(page);
    }
  }
  // The engine never asks the same scenario twice in a row: the pages really moved on.
  assert.notEqual(seen[0], seen[1]);
  assert.notEqual(seen[1], seen[2]);
  await a.context().close();
  await b.context().close();
});

test('picking another level starts it with a new seed written into the address', async () => {
  const page = await openQuiz();
  await page.getByLabel('Level', { exact: true }).selectOption('copy');
  await page.waitForFunction(() => /[?&]quiz=copy\.\d+/.test(location.search));
  assert.deepEqual(await position(page), [1, 10]);
  const url = page.url();
  // The address now carries the seed: opened elsewhere, it gives the same first question.
  const other = await openQuiz(url);
  assert.equal(await questionText(other), await questionText(page));
  // A level without a seed gets one, written into the address.
  const fresh = await openQuiz(`${server.base}?quiz=copy`);
  await fresh.waitForFunction(() => /[?&]quiz=copy\.\d+/.test(location.search));
  assert.deepEqual([...page.errors, ...other.errors, ...fresh.errors], []);
  for (const p of [page, other, fresh]) await p.context().close();
});

test('Reset progress starts the run again from the first question', async () => {
  const page = await openQuiz();
  await answerWith(page, { call: 'Refused' });
  await next(page);
  assert.deepEqual(await position(page), [2, 10]);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await page.locator('#quiz-question-heading', { hasText: 'Question 1 of' }).waitFor();
  assert.equal(await page.getByText('Score: 0 of 0 right').count(), 1);
  await page.context().close();
});
