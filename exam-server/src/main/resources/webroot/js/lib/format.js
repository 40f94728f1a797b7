// Durations as clocks: hours only when there are any, then minutes and seconds.

/** 3725 → "1:02:05"; 59 → "0:59", or "00:59" with padMinutes. */
export function clockText(totalSeconds, padMinutes) {
  const total = Math.max(0, totalSeconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n) => String(n).padStart(2, '0');
  if (hours > 0) {
    return `${hours}:${two(minutes)}:${two(seconds)}`;
  }
  return `${padMinutes ? two(minutes) : minutes}:${two(seconds)}`;
}
