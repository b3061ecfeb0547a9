import { Fieldset, NativeSelect, Radio, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { ApplicantKind, ApplicationForm } from '../../api/portal';
import { useLocalize } from '../catalog/localized';
import type { ApplicationValues } from './application-form';

type Form = UseFormReturnType<ApplicationValues>;

const PERSON_FIELDS = ['fullName', 'idNumber', 'birthDate', 'address', 'phone', 'email'] as const;
const ORGANISATION_FIELDS = ['name', 'taxCode', 'representative', 'address', 'phone', 'email'] as const;
const REQUIRED = new Set(['fullName', 'idNumber', 'birthDate', 'address', 'name', 'taxCode', 'representative']);
const INPUT_TYPES: Partial<Record<string, string>> = { birthDate: 'date', phone: 'tel', email: 'email' };
const INPUT_MODES: Partial<Record<string, 'numeric' | 'tel' | 'email'>> = { idNumber: 'numeric', taxCode: 'numeric' };
/** WCAG 1.3.5: the purpose of fields about the user, so browsers can fill them in. */
const AUTOCOMPLETE: Partial<Record<string, string>> = {
  fullName: 'name',
  birthDate: 'bday',
  address: 'street-address',
  phone: 'tel',
  email: 'email',
  name: 'organization',
};

/** Step 1: the unit to apply to and the applicant (pre-filled from the account, editable). */
export function ApplicantStep({ form, application }: { form: Form; application: ApplicationForm }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const kind = form.values.kind;
  const fields = kind === 'person' ? PERSON_FIELDS : ORGANISATION_FIELDS;
  const units = application.units;
  const unitOptions = [
    ...(units.length === 1 ? [] : [{ value: '', label: t('portal.apply.unitChoose') }]),
    ...units.map((u) => ({ value: u.code, label: localize(u.name, u.nameEn) })),
  ];
  const chosen = units.find((u) => u.code === form.values.receivingUnitCode);

  return (
    <Stack gap="md">
      <div>
        <NativeSelect
          label={t('portal.apply.unit')}
          description={t('portal.apply.unitHint')}
          data={unitOptions}
          required
          {...form.getInputProps('receivingUnitCode')}
          data-testid="unit-select"
        />
        {chosen?.address && (
          <Text size="sm" c="dimmed" mt={4}>
            {t('portal.apply.unitAddress', { address: chosen.address })}
          </Text>
        )}
      </div>
      <Fieldset legend={t('portal.apply.applicant')}>
        <Text size="sm" c="dimmed" mb="sm">
          {t('portal.apply.applicantLead')}
        </Text>
        {application.applicantKinds.length > 1 && (
          <Radio.Group
            label={t('portal.apply.applicantKind')}
            value={kind}
            onChange={(value) => form.setFieldValue('kind', value as ApplicantKind)}
            mb="sm"
          >
            <Group gap="lg" mt={4}>
              {application.applicantKinds.map((k) => (
                <Radio key={k} value={k} label={t(`dossiers.applicantKinds.${k}`)} />
              ))}
            </Group>
          </Radio.Group>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {fields.map((field) => (
            <TextInput
              key={`${kind}.${field}`}
              label={t(`dossiers.applicant.${field}`)}
              type={INPUT_TYPES[field] ?? 'text'}
              inputMode={INPUT_MODES[field]}
              autoComplete={AUTOCOMPLETE[field] ?? 'off'}
              required={REQUIRED.has(field)}
              description={field === 'email' ? t('portal.apply.emailHint') : undefined}
              {...form.getInputProps(`${kind}.${field}`)}
            />
          ))}
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
