import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { sam } from "@/e2e/fixtures/demo-users";
import { signInAs } from "@/e2e/fixtures/sign-in";
import { expectNoSeriousA11yViolations } from "@/e2e/fixtures/accessibility";
import { ACME } from "@/e2e/inbox/helpers/inbox-page";

const run = Date.now().toString(36);
const GOOD_ROWS = 24;

/** A semicolon CSV with a BOM, as a European spreadsheet saves it: good rows, one bad email, one bad number. */
function csv(): string {
  const rows = Array.from({ length: GOOD_ROWS }, (_, i) => `Imported${i};Person;imp-${run}-${i}@example.com;gold;${i * 10}`);
  rows.splice(3, 0, `Broken;Email;not-an-email-${run};silver;5`);
  rows.splice(7, 0, `Wrong;Type;wrong-${run}@example.com;silver;lots`);
  return `\uFEFFGiven name;Family name;E-mail;Tier;Score\n${rows.join("\n")}\n`;
}

async function shoot(page: Page, name: string) {
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `test-results/contact-import/${name}-${width}x${height}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("import a CSV: preview, mapping with new typed attributes, review, progress to the end, failed rows downloaded", async ({ page, context }) => {
  await signInAs(context, sam);
  await page.goto(`/${ACME}/contacts`);
  await page.getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import contacts" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Download a sample file" })).toHaveAttribute("href", "/contact-import-sample.csv");
  await expectNoSeriousA11yViolations(page, "import page");
  await shoot(page, "upload");

  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: `fair-${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv()) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByText(`fair-${run}.csv · ${GOOD_ROWS + 2} rows · 5 columns separated by semicolons`)).toBeVisible();
  const preview = page.getByRole("table", { name: /first 5 rows/ });
  await expect(preview.getByRole("columnheader")).toHaveText(["Line", "Given name", "Family name", "E-mail", "Tier", "Score"]);
  await expect(preview.getByRole("row").nth(1)).toContainText(`imp-${run}-0@example.com`);

  // "E-mail" is guessed; the names, tier and score are mapped by hand, two as new attributes.
  await expect(page.getByLabel("Column “E-mail” becomes")).toHaveValue("field:email");
  await page.getByLabel("Column “Given name” becomes").selectOption("field:first_name");
  await page.getByLabel("Column “Family name” becomes").selectOption("field:last_name");
  await page.getByLabel("Column “Tier” becomes").selectOption("new");
  await page.locator("#map-3-key").fill(`tier_${run}`);
  await page.getByLabel("Column “Score” becomes").selectOption("new");
  await page.locator("#map-4-key").fill(`score_${run}`);
  await page.locator("#map-4-type").selectOption("number");
  await page.getByLabel("Recognise existing contacts by").selectOption("email");
  await page.getByLabel("Tag every imported contact (optional)").fill(`fair-${run}`);
  await page.getByRole("button", { name: "Review import" }).click();
  await expect(page.getByRole("heading", { name: "Before you start" })).toBeVisible();
  await expect(page.getByText(`${GOOD_ROWS + 2} rows; 2 would fail`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, "mapping page");
  await shoot(page, "mapping");

  await page.getByRole("button", { name: "Start import" }).click();
  const bar = page.getByRole("progressbar");
  await expect(bar).toHaveAttribute("aria-valuemax", String(GOOD_ROWS + 2));
  await expect(bar).toHaveAttribute("aria-valuenow", String(GOOD_ROWS + 2), { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible();
  const counts = page.getByTestId("import-counts");
  await expect(counts.locator("[data-count=created]")).toHaveText(String(GOOD_ROWS));
  await expect(counts.locator("[data-count=failed]")).toHaveText("2");
  // The progress survives a reload: it is the import's, not the page's.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible();
  const failures = page.getByRole("table").filter({ hasText: "Reason" });
  await expect(failures.getByRole("row")).toHaveCount(3);
  await expect(failures).toContainText(`E-mail: “not-an-email-${run}” is not an email address.`);
  await expect(failures).toContainText("Score: “lots” — Enter a number, like 42 or 3.5.");
  await expectNoSeriousA11yViolations(page, "import result");
  await shoot(page, "result");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download failed rows (2)" }).click();
  const download = await downloading;
  const text = (await readFile(await download.path())).toString("utf8").replace(/^\uFEFF/, "");
  const lines = text.trim().split(/\r?\n/);
  expect(lines[0]).toBe("Given name,Family name,E-mail,Tier,Score,Line,Reason");
  expect(lines[1]).toBe(`Broken,Email,not-an-email-${run},silver,5,5,E-mail: “not-an-email-${run}” is not an email address.`);
  // A reason with a comma in it is quoted, as CSV has it.
  expect(lines[2]).toBe(`Wrong,Type,wrong-${run}@example.com,silver,lots,9,"Score: “lots” — Enter a number, like 42 or 3.5."`);

  // The imported contacts are there, tagged.
  await page.goto(`/${ACME}/contacts?q=imp-${run}-12@`);
  await expect(page.getByRole("table").getByRole("link")).toHaveText(["Imported12 Person"]);
  await expect(page.getByRole("table")).toContainText(`fair-${run}`);
});
