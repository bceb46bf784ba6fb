// Tracked links and the public reviews' privacy helpers, without a database.
import { describe, expect, it } from "vitest";
import { isSitePath, trackedLink } from "./clicks";
import { campaignReviewUrl, httpsUrlOrNull, publicComment, publicFirstName } from "./reviews";
import { verifyClickToken } from "./tokens";

const SECRET = "unit-secret-0123456789abcdef0123456789";
const NOW = new Date("2026-12-01T18:00:00Z");
const links = { google: "https://g.page/r/x/review", yelp: null };
const opts = {
  siteUrl: "https://myhibachi.example",
  secret: SECRET,
  expiresAt: NOW.getTime() + 1000,
  reviewLinks: links,
};

describe("tracked links", () => {
  it("wrap our own pages and the owner's review page, naming the send", () => {
    const book = trackedLink(opts, "send1", "https://myhibachi.example/book");
    expect(book).toMatch(/^https:\/\/myhibachi\.example\/r\?token=[\w-]+\.[\w-]+$/);
    expect(verifyClickToken(SECRET, book.split("token=")[1]!, NOW)).toEqual({
      sendId: "send1",
      target: "/book",
    });
    const review = trackedLink(opts, "send1", links.google);
    expect(verifyClickToken(SECRET, review.split("token=")[1]!, NOW)?.target).toBe(links.google);
    // Anything else stays as it is (not tracked, never a redirect to it).
    expect(trackedLink(opts, "send1", "https://elsewhere.example/x")).toBe(
      "https://elsewhere.example/x",
    );
    expect(trackedLink(opts, "send1", "https://myhibachi.example.evil.test/x")).toBe(
      "https://myhibachi.example.evil.test/x",
    );
  });

  it("expire, and refuse another purpose's token", () => {
    const t = trackedLink(opts, "s", "https://myhibachi.example/menu").split("token=")[1]!;
    expect(verifyClickToken(SECRET, t, new Date(NOW.getTime() + 2000))).toBeNull();
    expect(verifyClickToken("another-secret-0123456789abcdef0123", t, NOW)).toBeNull();
  });

  it("only a path on our site is a site path", () => {
    for (const ok of ["/", "/book", "/feedback?token=a.b", "/reviews?page=2"])
      expect(isSitePath(ok), ok).toBe(true);
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "book",
      "/\tevil",
      "",
    ])
      expect(isSitePath(bad), bad).toBe(false);
  });
});

describe("public reviews", () => {
  it("hide emails and phone numbers in comments, and anything but a first name", () => {
    expect(publicComment("Mail me: a.b@c.com or (408) 555-0199. 10 of 10!")).toBe(
      "Mail me: [removed] or [removed]. 10 of 10!",
    );
    expect(publicFirstName("dana lee")).toBe("Dana");
    for (const odd of ["dana@x.com", "R2D2 Robot", null, "", "Deleted customer"])
      expect(publicFirstName(odd)).toBe("A guest");
  });

  it("review pages are https with a real host; the env override, then Google, Yelp, /reviews", () => {
    expect(httpsUrlOrNull("https://www.yelp.com/biz/x")).toBe("https://www.yelp.com/biz/x");
    for (const bad of [
      "http://x.com",
      "javascript:alert(1)",
      "https://localhost/x",
      "x",
      "https://u:p@x.com",
    ])
      expect(httpsUrlOrNull(bad), bad).toBeNull();
    const site = "https://s.example";
    expect(campaignReviewUrl(site, { google: null, yelp: null })).toBe(`${site}/reviews`);
    expect(campaignReviewUrl(site, { google: null, yelp: "https://y.example/b" })).toBe(
      "https://y.example/b",
    );
    expect(campaignReviewUrl(site, links, undefined)).toBe(links.google);
    expect(campaignReviewUrl(site, links, "https://override.example/r")).toBe(
      "https://override.example/r",
    );
  });
});
