// The demo brands every sandbox starts with. Fixed creation times give them the same ids in
// every run, so a demo workspace finds its accounts again after a restart.
import type { NewUser } from './users';

export const DEMO_BRANDS: readonly NewUser[] = [
  {
    username: 'AcmeAir',
    name: 'Acme Air',
    description: 'Official customer care for Acme Air ✈️ We are here 24/7. For bookings: acmeair.example',
    location: 'Denver, CO',
    url: 'https://acmeair.example',
    profileImageUrl: 'https://pbs.twimg.com/profile_images/1650000000000000001/acmeair_normal.png',
    verified: true,
    verifiedType: 'business',
    followers: 284_503,
    following: 1_210,
    createdAt: Date.UTC(2012, 2, 14, 16, 0, 0),
  },
  {
    username: 'NimbusMobile',
    name: 'Nimbus Mobile',
    description: 'Nimbus Mobile support 📱 Outages, bills, orders: we reply every day 7am-11pm.',
    location: 'Toronto, ON',
    url: 'https://nimbusmobile.example',
    profileImageUrl: 'https://pbs.twimg.com/profile_images/1650000000000000002/nimbus_normal.png',
    verified: true,
    verifiedType: 'business',
    followers: 1_043_877,
    following: 3_402,
    createdAt: Date.UTC(2014, 5, 2, 9, 30, 0),
  },
];

export const DEMO_BRAND_NAMES: readonly string[] = DEMO_BRANDS.map((brand) => brand.username);
