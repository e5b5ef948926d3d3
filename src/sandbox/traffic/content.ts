// What customers write to the demo brands: complaints with flight or order numbers, questions,
// praise, angry follow-ups, spam, chatter, and posts in other languages. `{slot}`s are filled by
// the generator (see SLOTS in generator.ts).

export type Category = 'complaint' | 'question' | 'praise' | 'followup' | 'spam' | 'foreign' | 'noise';

/** A picture a customer attaches to a complaint: a photo of the problem or a phone screenshot. */
export interface Picture {
  alt: string;
  screenshot: boolean;
}

/** A complaint, with the picture that some customers (not all) attach to it. */
export type Complaint = string | { text: string; picture: Picture };

export interface BrandContent {
  complaint: readonly Complaint[];
  question: readonly string[];
  praise: readonly string[];
  followup: readonly string[];
  foreign: readonly (readonly [lang: string, text: string])[];
}

export const AIRLINE: BrandContent = {
  complaint: [
    '{brand} flight {flight} delayed again, {mins} minutes and counting. No updates at the gate {angry}',
    { text: '{brand} my bag did not make it to {city}. File ref {bagref}. #lostbag', picture: { alt: 'Screenshot of the baggage tracker: status "Not located", last scan at the departure airport', screenshot: true } },
    'Cancelled {flight} with no rebooking options?? {brand} this is unacceptable {angry}',
    '{brand} I was promised a refund of ${amount} three weeks ago. Still nothing. Booking {pnr}',
    {
      text: 'The seatmap on the {brand} app keeps crashing when I try to pick a seat for {flight} {emoji}',
      picture: { alt: 'Screenshot of the app showing the error "Something went wrong. Seat map unavailable (code 503)"', screenshot: true },
    },
    { text: '{brand} wifi on {flight} charged me twice & never connected. Not great.', picture: { alt: 'Screenshot of a card statement with two identical in-flight wifi charges', screenshot: true } },
    { text: 'Sat on the tarmac in {city} for {mins} min with no AC. {brand} #delayed {angry}', picture: { alt: 'Photo of a full cabin, passengers fanning themselves with safety cards', screenshot: false } },
    '{brand} your agent at {city} hung up on me. Booking {pnr}, need help with {flight}',
    { text: 'Checked bag arrived in {city} ripped open. Who do I talk to {brand}? {link}', picture: { alt: 'Photo of a suitcase with its side torn open and a broken wheel, on a baggage carousel', screenshot: false } },
  ],
  question: [
    '{brand} what is the carry-on allowance on {flight}? Do laptop bags count?',
    'Hey {brand}, can I bring my cat in the cabin from {city} to {city2}?',
    '{brand} is online check-in open yet for {flight} tomorrow?',
    '{brand} how do I add my frequent flyer number to booking {pnr}?',
    'Does {brand} still offer upgrades at the gate? Flying {flight} on {day}',
    '{brand} any news on {flight}? The board says "delayed" & nothing else',
  ],
  praise: [
    'Shout-out to the crew of {brand} {flight}, landed early in {city} {emoji}',
    '{brand} thank you for finding my bag so fast! #greatservice',
    'Smoothest boarding ever with {brand} today. {emoji}',
    'The {brand} team in {city} rebooked me in 5 minutes. Legends {emoji}',
  ],
  followup: [
    '{brand} still waiting. {hours} hours now. Anyone there? {angry}',
    '{brand} hello?? No reply yet and my connection in {city} is gone',
    'Update: still no bag, still no answer {brand} {angry}',
    '{brand} it has been {days} days. I want my refund.',
  ],
  foreign: [
    ['es', '{brand} mi vuelo {flight} lleva {mins} minutos de retraso y nadie informa {angry}'],
    ['es', '¿{brand} dónde está mi maleta? Llegué a {city} hace horas'],
    ['fr', '{brand} vol {flight} annulé sans explication, je veux un remboursement'],
    ['fr', 'Merci {brand} pour le service à bord, équipage au top {emoji}'],
    ['de', '{brand} Flug {flight} hat {mins} Minuten Verspätung, keine Info am Gate'],
    ['de', '{brand} mein Koffer ist nicht in {city} angekommen #lostbag'],
    ['ja', '{brand} {flight}便が{mins}分遅れています。案内がありません {angry}'],
    ['ja', '{brand} 荷物が届きません。{city}に着いたのに…'],
    ['ar', '{brand} رحلتي {flight} متأخرة منذ {mins} دقيقة ولا يوجد أي تحديث'],
    ['ar', 'شكرا {brand} على الخدمة الممتازة {emoji}'],
  ],
};

export const CARRIER: BrandContent = {
  complaint: [
    '{brand} no signal in {city} since this morning. Is there an outage? {angry}',
    { text: '{brand} my bill is ${amount} higher than last month and I did not change anything', picture: { alt: 'Screenshot of a phone bill with an unexplained "Service adjustment" charge highlighted', screenshot: true } },
    { text: 'Order {order} from {brand} was supposed to arrive {day}. Still "processing" {angry}', picture: { alt: 'Screenshot of the order page, status "Processing" for nine days', screenshot: true } },
    { text: '{brand} roaming charges of ${amount} for one day in {city}?? #ripoff', picture: { alt: 'Screenshot of the account page listing a day of roaming data charges', screenshot: true } },
    { text: 'Data keeps dropping on 5G, {brand}. Rebooted my {device} three times {emoji}', picture: { alt: 'Screenshot of a phone status bar showing "No service" where 5G should be', screenshot: true } },
    '{brand} I have been on hold for {mins} minutes. Account ending {last4}',
    { text: 'eSIM activation failed twice on my new {device}. {brand} please help {link}', picture: { alt: 'Screenshot of the error message "eSIM activation failed. Contact your carrier (error 0x1F)"', screenshot: true } },
    '{brand} porting my number has taken {days} days & I can not make calls',
  ],
  question: [
    '{brand} does the {plan} plan include hotspot data?',
    'Hey {brand}, when will 5G reach {city}?',
    '{brand} can I upgrade to the {device} before my contract ends?',
    '{brand} how do I set up voicemail on a {device}?',
    '{brand} is there a student discount on {plan}?',
  ],
  praise: [
    '{brand} support fixed my eSIM in 10 minutes. Thank you {emoji}',
    'Switched to {brand} {plan} last month and the coverage in {city} is great #happycustomer',
    'Got my {device} a day early from {brand} {emoji}',
  ],
  followup: [
    '{brand} still no signal. {hours} hours now {angry}',
    '{brand} any update on order {order}? Nobody answers in DM',
    'Day {days} without service. {brand} this is a joke {angry}',
  ],
  foreign: [
    ['es', '{brand} sin señal en {city} desde esta mañana {angry}'],
    ['es', '{brand} mi factura subió ${amount} sin explicación'],
    ['fr', '{brand} plus de réseau à {city}, panne en cours ?'],
    ['de', '{brand} meine Bestellung {order} ist immer noch nicht da'],
    ['de', 'Danke {brand}, super schneller Support {emoji}'],
    ['ja', '{brand} {city}で電波が入りません。障害ですか？'],
    ['ar', '{brand} لا توجد شبكة في {city} منذ الصباح'],
  ],
};

/** What customers answer under a brand's reply to them (the thread goes on), by kind of business. */
export const REPLIES_TO_BRAND: { readonly airline: readonly string[]; readonly carrier: readonly string[] } = {
  airline: [
    '{brand} thanks, just sent you a DM with booking {pnr}',
    '{brand} I already DMed you twice. Booking {pnr}. Still nothing {angry}',
    '{brand} that link does not work. Still stuck in {city} {angry}',
    '{brand} ok, thank you {emoji}',
    '{brand} you said 24 hours. It has been {days} days {angry}',
    '{brand} the agent said the same thing. I need a real answer about {flight}',
  ],
  carrier: [
    '{brand} DMed you, order {order}',
    '{brand} I restarted it already. Still no signal in {city} {angry}',
    '{brand} account ending {last4}, sent you the details by DM',
    '{brand} great, it works now. Thanks {emoji}',
    '{brand} that is what you said yesterday {angry}',
  ],
};

export const SPAM: readonly string[] = [
  '🎁 {brand} is giving away free {device}s!!! Claim at {spamlink} #giveaway',
  'Earn $5000/week from home, DM me {emoji} {spamlink} $BTC $ETH',
  'Need followers? Best prices {spamlink} #followback #promo',
  'Crypto signals 100% guaranteed, join now {spamlink} $DOGE',
];

export const NOISE: readonly string[] = [
  'Coffee first, then emails {emoji}',
  'Anyone else watching the game tonight? #sports',
  'Traffic in {city} is wild today',
  'New blog post: 10 tips for travelling light {link}',
  'Rain again in {city}. Of course. {emoji}',
  'Just finished a 10k run, feeling great #fitness',
];

export const CITIES = ['Lisbon', 'Denver', 'Osaka', 'Cairo', 'Madrid', 'Berlin', 'Chicago', 'Toronto', 'Nairobi', 'Sydney', 'Lyon', 'Seoul', 'Austin', 'Dublin'];
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const DEVICES = ['Pixel 9', 'iPhone 16', 'Galaxy S25', 'Nimbus One', 'Moto G'];
export const PLANS = ['Unlimited Plus', 'Basic 10GB', 'Family Share', 'Prepaid 25'];
export const EMOJI = ['😡', '🙏', '✈️', '😂', '🎉', '👍', '😤', '💔', '🔥', '🙄', '❤️', '👏🏽'];
export const ANGRY = ['😡', '🤬', '😤', '!!!', '#fail', '#neveragain', '🙄'];
export const LINKS = [
  'https://www.example.com/travel/help/lost-and-found-claims-form-2026',
  'https://status.example.net/incidents/2026/11/network',
  'https://imgur.example/a/Xy12Ab',
  'https://blog.example.org/posts/packing-light',
];
export const SPAM_LINKS = ['https://bit.example/fr33-g1ft', 'http://win-prizes.example/claim?id=8812', 'https://cryptoboost.example/join'];

export const FIRST_NAMES = ['jane', 'sam', 'alex', 'maria', 'li', 'omar', 'nina', 'tom', 'yuki', 'fatima', 'lucas', 'emma', 'raj', 'sofia', 'ben', 'chloe', 'diego', 'hana', 'ivan', 'zoe'];
export const LAST_NAMES = ['smith', 'garcia', 'chen', 'kim', 'ali', 'novak', 'rossi', 'sato', 'silva', 'moreau', 'weber', 'khan', 'lopez', 'obi', 'berg'];
