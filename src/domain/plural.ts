/** "1 question", "2 questions", "0 questions": the count with the word in the number it needs. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
