import { Fieldset, Radio, Group, SimpleGrid, TextInput } from '@mantine/core';
import { LANGUAGES, type Language } from '../../../../../contracts/dossiers';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { ApplicantKind, IntakeFormValues } from '../intake-form';

type Form = UseFormReturnType<IntakeFormValues>;

const PERSON_FIELDS = ['fullName', 'idNumber', 'birthDate', 'address', 'phone', 'email'] as const;
const ORGANISATION_FIELDS = ['name', 'taxCode', 'representative', 'address', 'phone', 'email'] as const;
const REQUIRED = new Set(['fullName', 'idNumber', 'birthDate', 'address', 'name', 'taxCode', 'representative']);
const INPUT_TYPES: Partial<Record<string, string>> = { birthDate: 'date', phone: 'tel', email: 'email' };
const INPUT_MODES: Partial<Record<string, 'numeric' | 'tel' | 'email'>> = { idNumber: 'numeric', taxCode: 'numeric' };

/** The applicant: a person (citizen ID, birth date…) or an organisation (tax code, representative…). */
export function ApplicantFields({ form }: { form: Form }) {
  const { t } = useTranslation();
  const kind = form.values.applicantKind;
  const fields = kind === 'person' ? PERSON_FIELDS : ORGANISATION_FIELDS;
  return (
    <Fieldset legend={t('dossiers.intake.applicant')}>
      <Radio.Group
        label={t('dossiers.intake.applicantKind')}
        value={kind}
        onChange={(value) => form.setFieldValue('applicantKind', value as ApplicantKind)}
        mb="sm"
      >
        <Group gap="lg" mt={4}>
          <Radio value="person" label={t('dossiers.applicantKinds.person')} />
          <Radio value="organisation" label={t('dossiers.applicantKinds.organisation')} />
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {fields.map((field) => (
          <TextInput
            key={`${kind}.${field}`}
            label={t(`dossiers.applicant.${field}`)}
            type={INPUT_TYPES[field] ?? 'text'}
            inputMode={INPUT_MODES[field]}
            autoComplete="off"
            required={REQUIRED.has(field)}
            {...form.getInputProps(`${kind}.${field}`)}
          />
        ))}
      </SimpleGrid>
      <Radio.Group
        label={t('dossiers.intake.language')}
        description={t('dossiers.intake.languageHint')}
        value={form.values.language}
        onChange={(value) => form.setFieldValue('language', value as Language)}
        mt="sm"
      >
        <Group gap="lg" mt={4}>
          {LANGUAGES.map((language) => (
            <Radio key={language} value={language} label={t(`language.${language}`)} />
          ))}
        </Group>
      </Radio.Group>
    </Fieldset>
  );
}
