// The application's views, in the order of the navigation. A new view (models, studies) is one more entry here and
// a file of its own; no other view changes.
import { CompareView } from './CompareView.js';
import { DatasetsView } from './DatasetsView.js';
import { ModelsView } from './ModelsView.js';
import { RunsView } from './RunsView.js';
import { RunView } from './RunView.js';
import { StudiesView } from './StudiesView.js';
import { SyntheticView } from './SyntheticView.js';

export const VIEWS = [
  { name: 'runs', title: 'Runs', list: RunsView, item: RunView },
  { name: 'compare', title: 'Compare', list: CompareView },
  { name: 'models', title: 'Models', list: ModelsView, item: ModelsView },
  { name: 'studies', title: 'Studies', list: StudiesView, item: StudiesView },
  { name: 'datasets', title: 'Data sets', list: DatasetsView },
  { name: 'synthetic', title: 'Synthetic data sets', list: SyntheticView },
];
