import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminProcedures } from '../../../api/catalog';
import { useLocalize } from '../../catalog/localized';

interface ProcedurePickerProps {
  value: string;
  onChange: (code: string) => void;
  error?: React.ReactNode;
}

type Option = { value: string; label: string };

/**
 * The procedure at intake: a searchable list that asks the staff catalog
 * search (name without diacritics, or code) as the receptionist types;
 * Enter or Tab takes the highlighted procedure.
 */
export function ProcedurePicker({ value, onChange, error }: ProcedurePickerProps) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Option | null>(null);
  const [q] = useDebouncedValue(search.trim(), 200);
  // A search equal to the chosen label lists that procedure again, not a search by its label.
  const query = selected !== null && q === selected.label ? '' : q;
  const list = useAdminProcedures({ ...(query ? { q: query } : {}), active: 'true', limit: 30, offset: 0 });
  const options: Option[] = (list.data?.items ?? []).map((p) => ({ value: p.code, label: `${p.code} — ${localize(p.name, p.nameEn)}` }));
  if (selected !== null && selected.value === value && !options.some((o) => o.value === value)) options.unshift(selected);

  return (
    <Select
      label={t('dossiers.intake.procedure')}
      placeholder={t('dossiers.intake.procedurePlaceholder')}
      data={options}
      value={value === '' ? null : value}
      onChange={(code, option) => {
        setSelected(option === null ? null : { value: option.value, label: option.label });
        onChange(code ?? '');
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has filtered already: show what it found.
      filter={({ options: all }) => all}
      selectFirstOptionOnChange
      autoSelectOnBlur
      // The list opens as the receptionist types, not over the form on arrival.
      openOnFocus={false}
      nothingFoundMessage={list.isFetching ? t('common.loading') : t('dossiers.intake.noProcedure')}
      error={error}
      required
      data-autofocus
      autoFocus
      maxDropdownHeight={320}
    />
  );
}
