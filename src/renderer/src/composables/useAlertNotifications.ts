// What an alert rule's match does on this desktop: a line in the app, a desktop notification
// (the web Notification API, also in Electron) and, when the rule has one, a short beep made with
// WebAudio, so no sound file ships or loads.
import { onBeforeUnmount } from 'vue';
import { alertNotification, type AlertView } from '../../../shared/alerts';
import { useBridge } from '../bridge/bridge';
import { useNoticesStore } from '../stores/notices';

let audio: AudioContext | null = null;

/** Two short tones (880 Hz, then 660 Hz), quiet: noticeable without startling. */
export function playAlertSound(): void {
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  const context = audio;
  // A context made without a user gesture may start suspended; resuming is allowed in Electron.
  void context.resume().catch(() => undefined);
  const start = context.currentTime;
  [880, 660].forEach((frequency, index) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    const at = start + index * 0.18;
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.15);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.16);
  });
}

/** Asks for the desktop notification permission once it matters: when alerts are saved (a click, so the browser allows asking). */
export async function askAlertPermission(): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  try {
    await Notification.requestPermission();
  } catch {
    // The browser refused to ask: alerts still show in the app.
  }
}

function notify(alert: AlertView): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const content = alertNotification(alert);
  const notification = new Notification(content.title, { body: content.body, tag: content.tag, icon: '/favicon.svg' });
  notification.onclick = () => {
    window.focus();
    notification.close();
  };
}

/** Listens for the core's `alert` events while the app is mounted. */
export function useAlertNotifications(): void {
  const { api } = useBridge();
  const notices = useNoticesStore();
  const stop = api.on('alert', (alert) => {
    notices.announce(alertNotification(alert).title);
    // Alerts are rules the member set for the messages that matter: they notify also while the deck is in front.
    notify(alert);
    if (alert.sound) playAlertSound();
  });
  onBeforeUnmount(stop);
}
