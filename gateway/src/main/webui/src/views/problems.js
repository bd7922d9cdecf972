/** The problem's parts that name a field go to that field; the rest to the form. */
export function problemsByField(detail, fields) {
  const byField = {};
  const longestFirst = [...fields].sort((a, b) => b.length - a.length); // datasetLimit before dataset
  for (const part of detail.split(/;\s*/)) {
    const field = longestFirst.find(name => part.includes(name)) ?? 'form';
    byField[field] = byField[field] ? `${byField[field]}; ${part}` : part;
  }
  return byField;
}
