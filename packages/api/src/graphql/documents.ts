// The GraphQL documents our own pages send. Each is persisted: persisted-{customer,admin}.json map its
// sha256 to the text (checked in; the unit test graphql-persisted.test.ts fails when a document
// here and the map disagree, and prints the map to write). A client sends only the hash:
//   { "operationName": "MyBookings", "variables": {...},
//     "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "<hash>" } } }

/** The customer site's My bookings page: one page of the signed-in customer's bookings. */
export const MY_BOOKINGS_QUERY = /* GraphQL */ `
  query MyBookings($first: Int, $after: String, $status: BookingStatus) {
    myBookings(first: $first, after: $after, status: $status) {
      edges {
        cursor
        node {
          id
          code
          status
          startsAt
          endsAt
          timeZone
          depositOnline
          guests
          city
          totalCents
          moneyHeadline
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** The admin app's Bookings list: the page's filters, each row with its chefs. */
export const ADMIN_BOOKINGS_QUERY = /* GraphQL */ `
  query AdminBookings($status: BookingStatus, $from: String, $to: String, $search: String) {
    bookings(status: $status, from: $from, to: $to, search: $search) {
      id
      code
      status
      startsAt
      timeZone
      adults
      children
      city
      contactName
      totalCents
      chefs {
        id
        name
      }
    }
  }
`;

/** The booking page's menu: the fields it reads (packages, items, zones, business rules). */
export const MENU_QUERY = /* GraphQL */ `
  query Menu {
    menu {
      packages {
        id
        slug
        name
        description
        adultPriceCents
        childPriceCents
        proteinsPerGuest
        includes
      }
      items {
        id
        slug
        name
        description
        kind
        pricing
        priceCents
        servesGuests
        allergens
        contains
        dietaryTags
        seasonalTags
      }
      zones {
        name
        feeCents
      }
      business {
        name
        phone
        email
        baseAddress
        timeZone
        slotStartMinutes
        minGuests
        maxGuests
        minNoticeHours
        bookingWindowDays
        partyMinimumCents
        depositCents
        freeCancellationHours
      }
    }
  }
`;

/** The booking page's live quote: the lines and totals it shows. */
export const QUOTE_QUERY = /* GraphQL */ `
  query Quote($input: QuoteInput!) {
    quote(input: $input) {
      lines {
        code
        label
        detail
        quantity
        unitCents
        totalCents
      }
      subtotalCents
      travelFeeCents
      taxCents
      totalCents
      depositCents
      balanceCents
      suggestedGratuityCents
      zoneName
      distanceMiles
    }
  }
`;

export const CUSTOMER_DOCUMENTS = {
  MyBookings: MY_BOOKINGS_QUERY,
  Menu: MENU_QUERY,
  Quote: QUOTE_QUERY,
} as const;
export const ADMIN_DOCUMENTS = { AdminBookings: ADMIN_BOOKINGS_QUERY } as const;
