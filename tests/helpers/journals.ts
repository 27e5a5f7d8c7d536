import path from 'node:path';
import { ROOT } from './cli.js';

/** Real journal feeds of botany and zoology (tests/fixtures/journals, its README says whose). */
export const JOURNALS = path.join(ROOT, 'tests', 'fixtures', 'journals');

/**
 * Headings that never fit a letter of those feeds: machine learning applied to a field, and arXiv
 * archives a naive Bayes model guessed for texts it barely knows (issue #12, session 51).
 */
export const NOT_THEIR_HEADINGS = [
  'AI for science',
  'AI for science and medicine',
  'Medical AI',
  'Astrophysics',
  'Mathematics',
  'Physics',
  'Quantitative biology',
];

/** A taxonomy lab's topics, as README "A letter of another field" shows them. */
export const TAXA = [
  {
    label: 'Beetles',
    keywords: ['Coleoptera', 'beetle', 'beetles', 'Carabidae', 'Curculionidae', 'Staphylinidae'],
  },
  { label: 'Spiders and mites', keywords: ['Araneae', 'spider', 'spiders', 'Acari', 'mite', 'mites'] },
  { label: 'Butterflies and moths', keywords: ['Lepidoptera', 'moth', 'moths', 'butterfly', 'butterflies'] },
  { label: 'Flies, wasps and bees', keywords: ['Diptera', 'Hymenoptera', 'wasp', 'wasps', 'bee', 'bees'] },
  { label: 'Fishes', keywords: ['fish', 'fishes', 'Actinopterygii'] },
  {
    label: 'Amphibians and reptiles',
    keywords: [
      'frog',
      'frogs',
      'Anura',
      'amphibian',
      'amphibians',
      'snake',
      'snakes',
      'lizard',
      'lizards',
      'Squamata',
    ],
  },
  {
    label: 'Flowering plants',
    keywords: ['Orchidaceae', 'orchid', 'Fabaceae', 'Asteraceae', 'Zingiberaceae', 'flora'],
  },
  {
    label: 'Fungi and lichens',
    keywords: ['fungi', 'fungus', 'fungal', 'Ascomycota', 'Basidiomycota', 'lichen', 'lichens'],
  },
  {
    label: 'Algae and diatoms',
    keywords: ['algae', 'diatom', 'diatoms', 'Chrysophyceae', 'Haptophyta', 'phytoplankton'],
  },
  { label: 'Bacteria', keywords: ['bacterium', 'bacteria', 'bacterial', '16S rRNA'] },
  {
    label: 'Molecular phylogeny',
    keywords: ['phylogeny', 'phylogenetic', 'phylogenomic', 'mitochondrial genome'],
  },
];
