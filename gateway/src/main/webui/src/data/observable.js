// A value that views follow: set() tells every follower once per animation frame at most, so a burst of live
// events costs one render.
import { useEffect, useState } from 'preact/hooks';

export function observable(initial) {
  let value = initial;
  let version = 0;
  let scheduled = false;
  const followers = new Set();
  const notify = () => {
    scheduled = false;
    version += 1;
    followers.forEach(follower => follower(version));
  };
  return {
    get: () => value,
    set(next) {
      value = next;
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(notify);
      }
    },
    /** Tells followers without a new value (the value was changed in place). */
    touch() { this.set(value); },
    follow(follower) {
      followers.add(follower);
      return () => followers.delete(follower);
    },
  };
}

/** The observable's value, re-rendering the component when it changes. */
export function useObservable(source) {
  const [, setVersion] = useState(0);
  useEffect(() => source.follow(setVersion), [source]);
  return source.get();
}
