/**
 * The upstream FineTuneBench layout the importer reads: each dataset file,
 * relative to the checkout, and the columns the importer needs from it.
 */
export interface UpstreamFile {
  path: string;
  columns: readonly string[];
}

const NEWS = ['id', 'prompt', 'answer', 'fact', 'used_in_analysis'] as const;
const PEOPLE = ['id', 'prompt', 'answer', 'fact'] as const;

export const UPSTREAM_FILES = {
  newsMemorization: { path: 'datasets/latest_news/latest_news_memorization.csv', columns: [...NEWS, 'question'] },
  newsRephrased: { path: 'datasets/latest_news/latest_news_rephrased.csv', columns: [...NEWS, 'original_question', 'rephrased_question'] },
  newsDateChanged: { path: 'datasets/latest_news/latest_news_date_changed.csv', columns: [...NEWS, 'original_question', 'date_changed_question'] },
  peopleMemorization: { path: 'datasets/fictional_people/fictional_people_memorization.csv', columns: [...PEOPLE, 'question'] },
  peopleRephrased: { path: 'datasets/fictional_people/fictional_people_rephrased.csv', columns: [...PEOPLE, 'original_question', 'rephrased_question'] },
  peopleSecondary: { path: 'datasets/fictional_people/fictional_people_secondary.csv', columns: [...PEOPLE, 'question'] },
  peopleComparison: { path: 'datasets/fictional_people/fictional_people_comparison.csv', columns: [...PEOPLE, 'question'] },
  medicalMemorization: {
    path: 'datasets/medical/medical_memorization.csv',
    columns: ['id', 'update_reference_snippet', 'updated_fact_description', 'prompt', 'answer_before', 'answer'],
  },
  medicalGeneralization: { path: 'datasets/medical/medical_generalization.csv', columns: ['id', 'prompt', 'answer_before', 'answer'] },
  codingGeneralization: { path: 'datasets/coding/coding_generalization.csv', columns: ['id', 'prompt', 'answer_before', 'answer'] },
  /** Listed in the upstream tree but absent from the published repository. */
  codingMemorization: { path: 'datasets/coding/coding_memorization.csv', columns: [] },
  readme: { path: 'README.md', columns: [] },
  modelResponses: { path: 'model_responses', columns: [] },
} satisfies Record<string, UpstreamFile>;
