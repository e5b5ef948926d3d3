// The alert sound is a WebAudio beep. Headless Chromium plays into nothing a test can hear, so the
// page gets a stand-in AudioContext that takes the same calls and records, in the order the app
// starts them, the frequency and start time of each oscillator.

import type { Page } from '@playwright/test';

export interface StartedTone {
  frequency: number;
  /** The context time it was started at (seconds). */
  at: number;
}

/** Where the stand-in keeps what was started (a page global; the test reads it back). */
interface ToneGlobals {
  __startedTones?: StartedTone[];
}

export async function fakeAudio(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const globals = globalThis as unknown as ToneGlobals;
    globals.__startedTones = [];
    const started = globals.__startedTones;
    // Nodes connect into one another (oscillator → gain → destination); connect() answers its argument, as WebAudio's does.
    class StandInNode {
      connect<T>(target: T): T {
        return target;
      }
      disconnect(): void {}
    }
    class StandInParam {
      value = 0;
      setValueAtTime(value: number): this {
        this.value = value;
        return this;
      }
      exponentialRampToValueAtTime(value: number): this {
        this.value = value;
        return this;
      }
      linearRampToValueAtTime(value: number): this {
        this.value = value;
        return this;
      }
    }
    class StandInOscillator extends StandInNode {
      type = 'sine';
      readonly frequency = new StandInParam();
      start(when = 0): void {
        // The frequency as it is when started is what sounds.
        started.push({ frequency: this.frequency.value, at: when });
      }
      stop(): void {}
    }
    class StandInGain extends StandInNode {
      readonly gain = new StandInParam();
    }
    class StandInAudioContext {
      readonly destination = new StandInNode();
      state = 'suspended';
      private readonly born = Date.now();
      get currentTime(): number {
        return (Date.now() - this.born) / 1000;
      }
      async resume(): Promise<void> {
        this.state = 'running';
      }
      createOscillator(): StandInOscillator {
        return new StandInOscillator();
      }
      createGain(): StandInGain {
        return new StandInGain();
      }
    }
    Object.defineProperty(globalThis, 'AudioContext', { value: StandInAudioContext, configurable: true });
  });
}

/** The tones started so far on the page, in the order they were started. */
export const startedTones = (page: Page) => page.evaluate(() => [...((globalThis as unknown as ToneGlobals).__startedTones ?? [])]);
